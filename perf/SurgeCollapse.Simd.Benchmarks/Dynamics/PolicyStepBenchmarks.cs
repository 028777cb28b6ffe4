using BenchmarkDotNet.Attributes;
using SurgeCollapse.Simd.Benchmarks.Infrastructure;
using SurgeCollapse.Simd.Benchmarks.Model;
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
    private readonly Dictionary<DynamicsPolicy, SurgeCollapseTrainer> _trainers = [];
    private Trainer _plain = null!;
    private float[] _batchInputs = [], _inputs = [], _targets = [], _batchNoise = [];

    /// <summary>A model, an optimizer and a noise pool per policy; fixed inputs, copied before each step (the pump writes to them).</summary>
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

        _batchInputs = SeededData.Uniform(Batch * 128, seedOffset: 1);
        _inputs = new float[_batchInputs.Length];
        _targets = SeededData.Uniform(Batch * 128, seedOffset: 2);
        // Stands in for the normals a sampler added to the batch: a run hands them to the step, and the pump scales them.
        _batchNoise = SeededData.Uniform(Batch * 128, seedOffset: 3);
    }

    /// <summary>The plain step: forward, loss, backward, Adam.</summary>
    [Benchmark(Baseline = true)]
    public float Plain()
    {
        _batchInputs.CopyTo(_inputs, 0);
        return _plain.Step(_inputs, _targets, Batch);
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
        _batchInputs.CopyTo(_inputs, 0);
        float loss = trainer.Step(_inputs, _targets, Batch, _batchNoise);
        if (trainer.Events.Length > 100)
            trainer.ClearEvents();
        return loss;
    }

    private static Trainer CreateTrainer()
    {
        var model = new Mlp(PredictBenchmarks.DefaultSizes, Batch, SeededData.Seed);
        return new Trainer(model, new Adam(model.Parameters), LossKind.MeanSquaredError);
    }
}
