using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Noise;
using SurgeCollapse.Simd.Optimizers;
using SurgeCollapse.Simd.Training;

namespace SurgeCollapse.Cli.Benchmarking;

/// <summary>
/// One training step of the default model at batch 64, Adam, mean squared error: the plain <see cref="Trainer.Step(ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/>,
/// or a <see cref="SurgeCollapseTrainer"/> step under a policy with its defaults (entropy every step, its collapse,
/// surge and pump on their cadence), as <c>perf/…/PolicyStepBenchmarks</c> builds them.
/// </summary>
internal sealed class TrainingStepWorkload : IBenchWorkload
{
    private readonly Trainer _trainer;
    private readonly SurgeCollapseTrainer? _dynamics;
    private readonly float[] _batch, _inputs, _targets, _batchNoise;

    private TrainingStepWorkload(DynamicsPolicy? policy)
    {
        var model = new Mlp(DefaultWorkload.Sizes, DefaultWorkload.Batch, DefaultWorkload.Seed);
        _trainer = new Trainer(model, new Adam(model.Parameters), LossKind.MeanSquaredError);
        CycleCalls = 1;
        if (policy is DynamicsPolicy chosen)
        {
            var options = new DynamicsOptions { Policy = chosen };
            var pool = new NoisePool(DefaultWorkload.Seed, model.Parameters.Max(p => p.Length));
            _dynamics = new SurgeCollapseTrainer(_trainer, options, pool, inputSigma: 0.1, DefaultWorkload.Seed);
            // Every scheduled action (and the adaptive controller's, which act on a slower cadence still) has run once
            // within a surge period.
            CycleCalls = chosen == DynamicsPolicy.Baseline ? 1 : Math.Max(options.Schedule.CollapseEvery, options.Schedule.SurgeEvery);
        }

        _batch = DefaultWorkload.Normals(DefaultWorkload.Batch * model.InputSize, stream: 1);
        _inputs = new float[_batch.Length];
        _targets = DefaultWorkload.Normals(DefaultWorkload.Batch * model.OutputSize, stream: 2);
        // The normals a sampler would have added to the batch: a run hands them to the step, and the pump scales them.
        _batchNoise = DefaultWorkload.Normals(_batch.Length, stream: 3);
    }

    /// <inheritdoc/>
    public int CycleCalls { get; }

    /// <summary>The plain step: forward, loss, backward, Adam.</summary>
    public static TrainingStepWorkload Plain() => new(null);

    /// <summary>The step under <paramref name="policy"/>.</summary>
    public static TrainingStepWorkload For(DynamicsPolicy policy) => new(policy);

    /// <summary>One step on a fresh copy of the batch (the pump adds its noise to the inputs in place; the plain step copies too, so both pay the same).</summary>
    public void Run()
    {
        _batch.CopyTo(_inputs, 0);
        if (_dynamics is null)
        {
            _trainer.Step(_inputs, _targets, DefaultWorkload.Batch);
            return;
        }

        _dynamics.Step(_inputs, _targets, DefaultWorkload.Batch, _batchNoise);
        _dynamics.ClearEvents(); // a run drains its events every epoch; here every step, so the list never grows
    }
}
