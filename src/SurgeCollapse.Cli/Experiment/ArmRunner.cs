using System.Diagnostics;
using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Ledger;
using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Noise;
using SurgeCollapse.Simd.Optimizers;
using SurgeCollapse.Simd.Training;

namespace SurgeCollapse.Cli.Experiment;

/// <summary>
/// Runs one arm on the ar data: trains for the sweep's epochs, recording every step, evaluating every E steps, and
/// writing <c>model.safetensors</c> into the run directory every <see cref="SweepSettings.CheckpointEvery"/> steps and
/// at the end. A diverging run stops before its next checkpoint, so the one on disk is its last good state.
/// </summary>
internal static class ArmRunner
{
    /// <summary>The checkpoint's file name in a run directory.</summary>
    public const string CheckpointFile = "model.safetensors";

    private const int ProgressEvery = 25;

    private const int WarmUpSteps = 300;

        public static RunOutcome Run(ArmSpec arm, SweepSettings settings, TrainingData data, string directory, Action<ArmProgress> progress,
        CancellationToken cancel, int maxSteps = int.MaxValue)
    {
        Directory.CreateDirectory(directory);
        int[] sizes = [data.InputSize, .. settings.Hidden, data.OutputSize];
        var model = new Mlp(sizes, settings.BatchSize, arm.Seed);
        var trainer = new Trainer(model, new Adam(model.Parameters, new AdamOptions { LearningRate = settings.LearningRate }), data.Loss);
        // One run seed for everything: data, weights, shuffle and each noise consumer draw their own stream of it.
        var pool = new NoisePool(arm.Seed, model.Parameters.Max(p => p.Length));
        TrainingBatches batches = data.CreateBatches(settings.BatchSize, arm.Sigma, arm.Seed, pool.InputNoise);
        var dynamics = new SurgeCollapseTrainer(trainer, new DynamicsOptions { Policy = arm.Policy }, pool, arm.Sigma, arm.Seed);

        int steps = Math.Min(maxSteps, settings.Epochs * batches.BatchesPerEpoch);
        var metrics = new RunMetrics(model, steps);
        var events = new List<DynamicsEvent>();
        var ledger = new LedgerRecorder(data, dynamics, new InformationLedgerOptions { TemperatureKelvin = settings.TemperatureKelvin });
        (RunStatus status, string? message) = (RunStatus.Completed, null);
        var clock = Stopwatch.StartNew();
        for (int step = 1; step <= steps; step++)
        {
            if (cancel.IsCancellationRequested)
            {
                status = RunStatus.Cancelled;
                break;
            }

            float loss = batches.Step(dynamics);
            if (!float.IsFinite(loss))
            {
                (status, message) = (RunStatus.Diverged, $"the training loss became {loss} at step {step}; the metrics stop at step {step - 1}");
                break;
            }

            metrics.Record(loss, dynamics);
            ledger.Add(loss, batches.Rows);
            events.AddRange(dynamics.Events);
            dynamics.ClearEvents();
            if (step % settings.EvaluateEvery == 0 || step == steps)
            {
                double validationLoss = batches.Evaluate(trainer);
                if (!double.IsFinite(validationLoss))
                {
                    (status, message) = (RunStatus.Diverged, $"the validation loss became {validationLoss} at step {step}");
                    break;
                }

                metrics.RecordValidation(validationLoss);
                ledger.Evaluate(step);
            }

            if (((settings.CheckpointEvery > 0 && step % settings.CheckpointEvery == 0) || step == steps) && model.HasFiniteParameters())
                batches.Save(Path.Combine(directory, CheckpointFile), dynamics, RunMetadata.Of(data.Name, arm.Policy, arm.Sigma, arm.Seed, settings.ToString()));
            if (step % ProgressEvery == 0 || step == steps)
                progress(new ArmProgress(step, steps, loss, dynamics.ActivationEntropy));
        }

        return new RunOutcome(arm, data, metrics, batches.BatchesPerEpoch, events, ledger.Rows, status, message, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Trains a throw-away model of every policy for a few hundred steps, so that the JIT has optimised the step
    /// before the first arm's clock starts and steps/s compares arms, not compilation tiers.
    /// </summary>
    public static void WarmUp(SweepSettings settings, TrainingData data, IEnumerable<Simd.Dynamics.DynamicsPolicy> policies)
    {
        SweepSettings brief = settings with { Epochs = 1, CheckpointEvery = 0 };
        string scratch = Path.Combine(Path.GetTempPath(), $"surge-warm-up-{Environment.ProcessId}");
        try
        {
            foreach (Simd.Dynamics.DynamicsPolicy policy in policies)
                Run(new ArmSpec(policy, 0.1, 0), brief, data, scratch, static _ => { }, new CancellationToken(canceled: false), WarmUpSteps);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
