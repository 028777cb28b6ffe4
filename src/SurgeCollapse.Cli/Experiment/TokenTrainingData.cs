using System.Globalization;
using SurgeCollapse.Simd.Checkpoints;
using SurgeCollapse.Simd.Data;
using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Noise;
using SurgeCollapse.Simd.Training;

namespace SurgeCollapse.Cli.Experiment;

/// <summary>
/// A token source — <c>markov</c> or <c>text</c>: the one-hot encoded previous k tokens predict the next, cross-entropy.
/// </summary>
internal sealed class TokenTrainingData(string name, TokenDataset training, TokenDataset validation, double? entropyRateNats, string description) : TrainingData
{
    public static TokenTrainingData Markov(MarkovDataSource source) => new("markov", source.Training, source.Validation, source.EntropyRateNats,
        string.Create(CultureInfo.InvariantCulture,
            $"markov data: {source.Options.VocabularySize} symbols, order {source.Options.Order}, {source.Training.Count} training / {source.Validation.Count} validation samples, " +
            $"entropy rate {source.EntropyRateNats:F4} nats ({source.EntropyRateBits:F4} bits) per token: the loss floor"));

    public static TokenTrainingData Text(TextDataSource source) => new("text", source.Training, source.Validation, null,
        string.Create(CultureInfo.InvariantCulture,
            $"text data: {source.Options.Path}, {source.Options.Tokenization.ToString().ToLowerInvariant()} (vocabulary {source.VocabularySize}), " +
            $"context {source.Options.ContextLength}, {source.Training.Count} training / {source.Validation.Count} validation samples"));

    public override string Name => name;

    public override int InputSize => training.InputSize;

    public override int OutputSize => training.VocabularySize;

    public override LossKind Loss => LossKind.CrossEntropy;

    public override double? LossFloor => entropyRateNats;

    public override double? ExactEntropyBits => entropyRateNats / Math.Log(2);

    public override string Describe() => description;

    public override TrainingBatches CreateBatches(int batchSize, double sigma, ulong seed, NormalGenerator noise) =>
        new Batches(training, validation, new TokenBatchSampler(training,
            new BatchSamplerOptions { BatchSize = batchSize, InputNoiseStandardDeviation = sigma, Seed = seed }, noise), batchSize);

    private sealed class Batches(TokenDataset training, TokenDataset validation, TokenBatchSampler sampler, int batchSize) : TrainingBatches
    {
        private readonly float[] _inputs = new float[batchSize * training.InputSize];
        private readonly int[] _targets = new int[batchSize];

        public override int BatchesPerEpoch => sampler.BatchesPerEpoch;

        public override float Step(SurgeCollapseTrainer dynamics)
        {
            Rows = sampler.NextBatch(_inputs, _targets);
            return dynamics.Step(_inputs, _targets.AsSpan(0, Rows), sampler.LastInputNoise);
        }

        public override void Save(string path, SurgeCollapseTrainer dynamics, IReadOnlyDictionary<string, string> metadata) =>
            RunCheckpoint.Save(path, dynamics, sampler, metadata);

        public override IReadOnlyDictionary<string, string> Load(string path, SurgeCollapseTrainer dynamics) =>
            RunCheckpoint.Load(path, dynamics, sampler);

        public override double Evaluate(Trainer trainer) => trainer.Evaluate(validation, _inputs);
    }
}
