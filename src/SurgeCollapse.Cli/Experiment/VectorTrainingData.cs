using System.Globalization;
using SurgeCollapse.Simd.Checkpoints;
using SurgeCollapse.Simd.Data;
using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Noise;
using SurgeCollapse.Simd.Training;

namespace SurgeCollapse.Cli.Experiment;

/// <summary>The <c>ar</c> source: vector pairs (x[t], x[t+1]), mean squared error.</summary>
internal sealed class VectorTrainingData(ArDataSource source) : TrainingData
{
    public override string Name => "ar";

    public override int InputSize => source.Training.InputSize;

    public override int OutputSize => source.Training.TargetSize;

    public override LossKind Loss => LossKind.MeanSquaredError;

    /// <summary>The innovation's variance: x[t+1] − A·x[t] has variance NoiseScale² per coordinate, which no predictor removes.</summary>
    public override double? LossFloor => source.Options.NoiseScale * source.Options.NoiseScale;

    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"ar data: dimension {InputSize}, {source.Training.Count} training / {source.Validation.Count} validation samples, loss floor {LossFloor:G3}");

    public override TrainingBatches CreateBatches(int batchSize, double sigma, ulong seed, NormalGenerator noise) =>
        new Batches(source, new BatchSampler(source.Training,
            new BatchSamplerOptions { BatchSize = batchSize, InputNoiseStandardDeviation = sigma, Seed = seed }, noise), batchSize);

    private sealed class Batches(ArDataSource source, BatchSampler sampler, int batchSize) : TrainingBatches
    {
        private readonly float[] _inputs = new float[batchSize * source.Training.InputSize];
        private readonly float[] _targets = new float[batchSize * source.Training.TargetSize];

        public override int BatchesPerEpoch => sampler.BatchesPerEpoch;

        public override float Step(SurgeCollapseTrainer dynamics)
        {
            Rows = sampler.NextBatch(_inputs, _targets);
            return dynamics.Step(_inputs, _targets, Rows, sampler.LastInputNoise);
        }

        public override void Save(string path, SurgeCollapseTrainer dynamics, IReadOnlyDictionary<string, string> metadata) =>
            RunCheckpoint.Save(path, dynamics, sampler, metadata);

        public override IReadOnlyDictionary<string, string> Load(string path, SurgeCollapseTrainer dynamics) =>
            RunCheckpoint.Load(path, dynamics, sampler);

        public override double Evaluate(Trainer trainer) =>
            trainer.Evaluate(source.Validation.Inputs, source.Validation.Targets, source.Validation.Count);
    }
}
