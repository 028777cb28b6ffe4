namespace SurgeCollapse.Cli.Experiment;

/// <summary>
/// What every arm of a sweep shares: the model, the optimizer, the data, the length of training, how often the
/// validation loss is evaluated and a checkpoint written (0: only at the end), and the temperature of the
/// information ledger (token data).
/// </summary>
internal sealed record SweepSettings(
    DataSettings Data, int Epochs, int BatchSize, int[] Hidden, double LearningRate, int EvaluateEvery, int CheckpointEvery, double TemperatureKelvin);
