using BenchmarkDotNet.Attributes;
using SurgeCollapse.Simd.Benchmarks.Infrastructure;
using SurgeCollapse.Simd.Benchmarks.Model;
using SurgeCollapse.Simd.Data;
using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Noise;
using SurgeCollapse.Simd.Optimizers;
using SurgeCollapse.Simd.Training;

namespace SurgeCollapse.Simd.Benchmarks.Dynamics;

/// <summary>
/// One training step of the default model at batch 64 with Adam under each policy, against the plain
/// <c>Trainer.Step</c> of the same run: what entropy tracking and the collapse / surge / pump actions cost, averaged
/// over their cadence (a collapse every 100 steps, a surge every 200, the adaptive rules every 10).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class PolicyStepBenchmarks
{
    private const int Batch = 64;

    /// <summary>Distinct batches cycled through (6 MiB): a network trained on one fixed batch for 10⁵ steps degenerates
    /// (dead units, tiny gradients) and its step time drifts by 20 % in phases, which made the ratios meaningless.</summary>
    private const int Batches = 64;

    private readonly Dictionary<DynamicsPolicy, SurgeCollapseTrainer> _trainers = [];
    private Trainer _plain = null!;
    private float[][] _batchInputs = [], _targets = [], _batchNoise = [];
    private float[] _inputs = [];
    private int _next;

    /// <summary>
    /// A model, an optimizer and a noise pool per policy; <see cref="Batches"/> batches of the default ar data with
    /// input noise σ = 0.1 and their normals, as a run's sampler gives them, copied before each step (the pump writes
    /// to the inputs).
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        _plain = CreateTrainer();
        foreach (DynamicsPolicy policy in Enum.GetValues<DynamicsPolicy>())
        {
            Trainer trainer = CreateTrainer();
            _trainers[policy] = new SurgeCollapseTrainer(trainer, new DynamicsOptions { Policy = policy },
                new NoisePool(SeededData.Seed, trainer.Model.Parameters.Max(p => p.Length)), inputSigma: 0.1, SeededData.Seed);
        }

        Dataset data = new ArDataSource(new ArDataOptions { Seed = SeededData.Seed }).Training;
        var sampler = new BatchSampler(data, new BatchSamplerOptions { BatchSize = Batch, InputNoiseStandardDeviation = 0.1, Seed = SeededData.Seed });
        (_batchInputs, _targets, _batchNoise) = (new float[Batches][], new float[Batches][], new float[Batches][]);
        for (int i = 0; i < Batches; i++)
        {
            (_batchInputs[i], _targets[i]) = (new float[Batch * data.InputSize], new float[Batch * data.TargetSize]);
            sampler.NextBatch(_batchInputs[i], _targets[i]);
            _batchNoise[i] = sampler.LastInputNoise.ToArray();
        }

        _inputs = new float[Batch * data.InputSize];
    }

    /// <summary>The plain step: forward, loss, backward, Adam.</summary>
    [Benchmark(Baseline = true)]
    public float Plain()
    {
        int i = NextBatch();
        return _plain.Step(_inputs, _targets[i], Batch);
    }

    /// <summary>Baseline policy: the plain step plus activation and target entropy every step.</summary>
    [Benchmark]
    public float Baseline() => Step(DynamicsPolicy.Baseline);

    /// <summary>Notebook policy: entropies, and the notebook's collapse and surge on their schedule.</summary>
    [Benchmark]
    public float Notebook() => Step(DynamicsPolicy.Notebook);

    /// <summary>Scheduled policy: entropies, masked gradients, collapse and surge on the schedule.</summary>
    [Benchmark]
    public float Scheduled() => Step(DynamicsPolicy.Scheduled);

    /// <summary>Adaptive policy with its calibrated defaults: entropies, the controller, masked gradients, its actions.</summary>
    [Benchmark]
    public float Adaptive() => Step(DynamicsPolicy.Adaptive);

    private float Step(DynamicsPolicy policy)
    {
        SurgeCollapseTrainer trainer = _trainers[policy];
        int i = NextBatch();
        float loss = trainer.Step(_inputs, _targets[i], Batch, _batchNoise[i]);
        if (trainer.Events.Length > 100)
            trainer.ClearEvents();
        return loss;
    }

    /// <summary>Copies the next batch's inputs into the step's buffer and returns its index.</summary>
    private int NextBatch()
    {
        int i = _next;
        _next = (_next + 1) % Batches;
        _batchInputs[i].CopyTo(_inputs, 0);
        return i;
    }

    private static Trainer CreateTrainer()
    {
        var model = new Mlp(PredictBenchmarks.DefaultSizes, Batch, SeededData.Seed);
        return new Trainer(model, new Adam(model.Parameters), LossKind.MeanSquaredError);
    }
}
