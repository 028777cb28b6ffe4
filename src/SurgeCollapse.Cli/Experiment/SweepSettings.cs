namespace SurgeCollapse.Cli.Experiment;

/// <summary>What every arm of a sweep shares: the model, the optimizer, the data and the length of training.</summary>
internal sealed record SweepSettings(
    int Epochs, int BatchSize, int[] Hidden, double LearningRate, int Samples, int Dimension, int EvaluateEvery);
