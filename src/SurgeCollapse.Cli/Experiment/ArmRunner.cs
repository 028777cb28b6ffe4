using System.Diagnostics;
using SurgeCollapse.Simd.Data;
using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Noise;
using SurgeCollapse.Simd.Optimizers;
using SurgeCollapse.Simd.Training;

namespace SurgeCollapse.Cli.Experiment;

/// <summary>Runs one arm on the ar data: trains for the sweep's epochs, recording every step and evaluating every E steps.</summary>
internal static class ArmRunner
{
    private const int ProgressEvery = 25;

    public static RunOutcome Run(ArmSpec arm, SweepSettings settings, ArDataSource data, Action<ArmProgress> progress, CancellationToken cancel)
    {
        int[] sizes = [settings.Dimension, .. settings.Hidden, settings.Dimension];
        var model = new Mlp(sizes, settings.BatchSize, arm.Seed);
        var trainer = new Trainer(model, new Adam(model.Parameters, new AdamOptions { LearningRate = settings.LearningRate }), LossKind.MeanSquaredError);
        // One run seed for everything: data, weights, shuffle and each noise consumer draw their own stream of it.
        var pool = new NoisePool(arm.Seed, model.Parameters.Max(p => p.Length));
        var sampler = new BatchSampler(data.Training,
            new BatchSamplerOptions { BatchSize = settings.BatchSize, InputNoiseStandardDeviation = arm.Sigma, Seed = arm.Seed }, pool.InputNoise);
        var dynamics = new SurgeCollapseTrainer(trainer, new DynamicsOptions { Policy = arm.Policy }, pool, arm.Sigma, arm.Seed);

        int steps = settings.Epochs * sampler.BatchesPerEpoch;
        var metrics = new RunMetrics(model, steps);
        var events = new List<DynamicsEvent>();
        var inputs = new float[settings.BatchSize * model.InputSize];
        var targets = new float[settings.BatchSize * model.OutputSize];
        Dataset validation = data.Validation;
        (RunStatus status, string? message) = (RunStatus.Completed, null);
        var clock = Stopwatch.StartNew();
        for (int step = 1; step <= steps; step++)
        {
            if (cancel.IsCancellationRequested)
            {
                status = RunStatus.Cancelled;
                break;
            }

            int rows = sampler.NextBatch(inputs, targets);
            float loss = dynamics.Step(inputs, targets, rows);
            if (!float.IsFinite(loss))
            {
                (status, message) = (RunStatus.Diverged, $"the training loss became {loss} at step {step}; the metrics stop at step {step - 1}");
                break;
            }

            metrics.Record(loss, dynamics);
            events.AddRange(dynamics.Events);
            dynamics.ClearEvents();
            if (step % settings.EvaluateEvery == 0 || step == steps)
            {
                double validationLoss = trainer.Evaluate(validation.Inputs, validation.Targets, validation.Count);
                if (!double.IsFinite(validationLoss))
                {
                    (status, message) = (RunStatus.Diverged, $"the validation loss became {validationLoss} at step {step}");
                    break;
                }

                metrics.RecordValidation(validationLoss);
            }

            if (step % ProgressEvery == 0 || step == steps)
                progress(new ArmProgress(step, steps, loss, dynamics.ActivationEntropy));
        }

        return new RunOutcome(arm, metrics, sampler.BatchesPerEpoch, events, status, message, clock.Elapsed.TotalSeconds);
    }
}
