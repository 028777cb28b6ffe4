using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Noise;
using SurgeCollapse.Simd.Optimizers;
using SurgeCollapse.Simd.Training;

namespace SurgeCollapse.Cli.Benchmarking;

/// <summary>
/// One training step of the default model at batch 64, Adam, mean squared error: the plain <see cref="Trainer.Step(ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/>,
/// or a <see cref="SurgeCollapseTrainer"/> step under a policy with its defaults (entropy every step, its collapse,
/// surge and pump on their cadence), as <c>perf/…/PolicyStepBenchmarks</c> builds them, each step on the next of the
/// <see cref="TrainingBatches"/>.
/// </summary>
internal sealed class TrainingStepWorkload : IBenchWorkload
{
    private readonly Trainer _trainer;
    private readonly SurgeCollapseTrainer? _dynamics;
    private readonly TrainingBatches _batches;
    private readonly float[] _inputs;
    private int _next;

    private TrainingStepWorkload(DynamicsPolicy? policy, TrainingBatches batches)
    {
        _batches = batches;
        var model = new Mlp(DefaultWorkload.Sizes, DefaultWorkload.Batch, DefaultWorkload.Seed);
        _trainer = new Trainer(model, new Adam(model.Parameters), LossKind.MeanSquaredError);
        CycleCalls = 1;
        if (policy is DynamicsPolicy chosen)
        {
            var options = new DynamicsOptions { Policy = chosen };
            var pool = new NoisePool(DefaultWorkload.Seed, model.Parameters.Max(p => p.Length));
            _dynamics = new SurgeCollapseTrainer(_trainer, options, pool, TrainingBatches.InputSigma, DefaultWorkload.Seed);
            // Every scheduled action (and the adaptive controller's, which act on a slower cadence still) has run once
            // within a surge period.
            CycleCalls = chosen == DynamicsPolicy.Baseline ? 1 : Math.Max(options.Schedule.CollapseEvery, options.Schedule.SurgeEvery);
        }

        _inputs = new float[DefaultWorkload.Batch * model.InputSize];
    }

    /// <inheritdoc/>
    public int CycleCalls { get; }

    /// <summary>The plain step: forward, loss, backward, Adam.</summary>
    public static TrainingStepWorkload Plain(TrainingBatches batches) => new(null, batches);

    /// <summary>The step under <paramref name="policy"/>.</summary>
    public static TrainingStepWorkload For(DynamicsPolicy policy, TrainingBatches batches) => new(policy, batches);

    /// <summary>One step on a fresh copy of the next batch (the pump adds its noise to the inputs in place; the plain step copies too, so both pay the same).</summary>
    public void Run()
    {
        int batch = _next;
        _next = (_next + 1) % TrainingBatches.Count;
        _batches.Inputs(batch).CopyTo(_inputs);
        if (_dynamics is null)
        {
            _trainer.Step(_inputs, _batches.Targets(batch), DefaultWorkload.Batch);
            return;
        }

        _dynamics.Step(_inputs, _batches.Targets(batch), DefaultWorkload.Batch, _batches.Noise(batch));
        _dynamics.ClearEvents(); // a run drains its events every epoch; here every step, so the list never grows
    }
}
