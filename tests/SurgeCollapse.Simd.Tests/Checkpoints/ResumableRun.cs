using SurgeCollapse.Simd.Checkpoints;
using SurgeCollapse.Simd.Data;
using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Noise;
using SurgeCollapse.Simd.Optimizers;
using SurgeCollapse.Simd.Tests.Dynamics;
using SurgeCollapse.Simd.Training;

namespace SurgeCollapse.Simd.Tests.Checkpoints;

/// <summary>
/// A dynamics run that can be saved and resumed with <see cref="RunCheckpoint"/>, on vector data (ar, the default
/// experiment's set-up) or token data (markov, cross-entropy); it records its losses and drains its events.
/// </summary>
internal abstract class ResumableRun
{
    public abstract SurgeCollapseTrainer Trainer { get; }

    public abstract NoisePool Pool { get; }

    /// <summary>The sampler's epochs, for tests that tamper with them.</summary>
    public abstract BatchSchedule Schedule { get; }

    public Mlp Model => Trainer.Trainer.Model;

    public List<float> Losses { get; } = [];

    public List<DynamicsEvent> Events { get; } = [];

    public void Steps(int count)
    {
        for (int i = 0; i < count; i++)
        {
            Losses.Add(Step());
            Events.AddRange(Trainer.Events.ToArray());
            Trainer.ClearEvents();
        }
    }

    public abstract void Save(string path, IReadOnlyDictionary<string, string>? metadata = null);

    public abstract IReadOnlyDictionary<string, string> Load(string path);

    protected abstract float Step();
}

/// <summary>The ar run of <see cref="DynamicsRun"/>.</summary>
internal sealed class VectorRun(DynamicsOptions options, ulong seed, ArDataSource data, double sigma = 0.1) : ResumableRun
{
    private readonly DynamicsRun _run = new(options, sigma, seed, data);

    public override SurgeCollapseTrainer Trainer => _run.Trainer;

    public override NoisePool Pool => _run.Pool;

    public override BatchSchedule Schedule => _run.Sampler.Schedule;

    public override void Save(string path, IReadOnlyDictionary<string, string>? metadata = null) => RunCheckpoint.Save(path, Trainer, _run.Sampler, metadata);

    public override IReadOnlyDictionary<string, string> Load(string path) => RunCheckpoint.Load(path, Trainer, _run.Sampler);

    protected override float Step() => _run.Step();
}

/// <summary>A markov run: one-hot contexts of 2 tokens over 16 symbols, [32, 48, 16], Adam, cross-entropy, batch 64.</summary>
internal sealed class TokenRun : ResumableRun
{
    private const int Batch = 64;
    private readonly TokenBatchSampler _sampler;
    private readonly float[] _inputs;
    private readonly int[] _targets = new int[Batch];

    /// <param name="options">The policy.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="data">The chain's samples.</param>
    /// <param name="samplerOwnsNoise">True: the sampler draws its input noise from a stream of its own rather than the pool's.</param>
    public TokenRun(DynamicsOptions options, ulong seed, MarkovDataSource data, bool samplerOwnsNoise = false)
    {
        const double Sigma = 0.05;
        var model = new Mlp([data.Training.InputSize, 48, data.Training.VocabularySize], Batch, seed);
        var trainer = new Trainer(model, new Adam(model.Parameters), LossKind.CrossEntropy);
        Pool = new NoisePool(seed, model.Parameters.Max(p => p.Length));
        var samplerOptions = new BatchSamplerOptions { BatchSize = Batch, InputNoiseStandardDeviation = Sigma, Seed = seed };
        _sampler = samplerOwnsNoise ? new TokenBatchSampler(data.Training, samplerOptions) : new TokenBatchSampler(data.Training, samplerOptions, Pool.InputNoise);
        Trainer = new SurgeCollapseTrainer(trainer, options, Pool, Sigma, seed);
        _inputs = new float[Batch * data.Training.InputSize];
    }

    /// <summary>2,000 tokens of the default chain: 1,800 training samples, 29 batches an epoch.</summary>
    public static MarkovDataSource Data() => new(new MarkovDataOptions { Samples = 2000, Seed = 5 });

    public override SurgeCollapseTrainer Trainer { get; }

    public override NoisePool Pool { get; }

    public override BatchSchedule Schedule => _sampler.Schedule;

    public override void Save(string path, IReadOnlyDictionary<string, string>? metadata = null) => RunCheckpoint.Save(path, Trainer, _sampler, metadata);

    public override IReadOnlyDictionary<string, string> Load(string path) => RunCheckpoint.Load(path, Trainer, _sampler);

    protected override float Step()
    {
        int rows = _sampler.NextBatch(_inputs, _targets);
        return Trainer.Step(_inputs, _targets.AsSpan(0, rows), _sampler.LastInputNoise);
    }
}
