using SurgeCollapse.Simd;
using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Ledger;
using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Noise;
using SurgeCollapse.Simd.Optimizers;
using SurgeCollapse.Simd.Training;

namespace SurgeCollapse.Cli.Experiment;

/// <summary>
/// Runs one arm: trains for the sweep's epochs, recording every step, evaluating every E steps, and saving its record
/// and <c>model.safetensors</c> into the run directory every <see cref="SweepSettings.CheckpointEvery"/> steps, when it
/// is stopped, and at the end. A diverging run stops before its next checkpoint, so the one on disk is its last good
/// state; a stopped run (Ctrl-C, a killed process) resumes from its checkpoint when the sweep is run again.
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
        string checkpoint = Path.Combine(directory, CheckpointFile);
        (TrainingBatches batches, SurgeCollapseTrainer dynamics, RunRecorder record) = Build(arm, settings, data, maxSteps);
        string? resumeNote = null;
        if (File.Exists(checkpoint))
        {
            try
            {
                record.Resume(directory, checkpoint, batches);
            }
            catch (UserInputException error)
            {
                // What a stopped run left cannot be continued (another version's files, a hand-edited record): start over.
                resumeNote = $"started again from step 0: {error.Message}";
                (batches, dynamics, record) = Build(arm, settings, data, maxSteps);
            }
        }

        IReadOnlyDictionary<string, string> metadata = RunMetadata.Of(data.Name, arm.Policy, arm.Sigma, arm.Seed, settings.ToString());
        int steps = record.Metrics.Capacity;
        (RunStatus status, string? message) = (RunStatus.Completed, resumeNote);
        Func<double> evaluate = () => batches.Evaluate(dynamics.Trainer);
        record.StartClock();
        for (int step = record.Metrics.Count + 1; step <= steps; step++)
        {
            if (cancel.IsCancellationRequested)
            {
                status = RunStatus.Cancelled;
                if (step > 1 && dynamics.Trainer.Model.HasFiniteParameters())
                    record.Save(directory, checkpoint, batches, metadata);
                break;
            }

            float loss = batches.Step(dynamics);
            if (record.Take(loss, batches.Rows, step, steps, settings.EvaluateEvery, evaluate) is { } why)
            {
                (status, message) = (RunStatus.Diverged, why);
                break;
            }

            if (((settings.CheckpointEvery > 0 && step % settings.CheckpointEvery == 0) || step == steps) && dynamics.Trainer.Model.HasFiniteParameters())
                record.Save(directory, checkpoint, batches, metadata);
            if (step % ProgressEvery == 0 || step == steps)
                progress(new ArmProgress(step, steps, record.ResumedSteps, loss, dynamics.ActivationEntropy));
        }

        return new RunOutcome(arm, data, record, batches.BatchesPerEpoch, status, message);
    }

    /// <summary>A fresh run of <paramref name="arm"/>: its batches, its dynamics trainer over a new model and Adam, and an empty record.</summary>
    private static (TrainingBatches, SurgeCollapseTrainer, RunRecorder) Build(ArmSpec arm, SweepSettings settings, TrainingData data, int maxSteps)
    {
        int[] sizes = [data.InputSize, .. settings.Hidden, data.OutputSize];
        var model = new Mlp(sizes, settings.BatchSize, arm.Seed);
        var trainer = new Trainer(model, new Adam(model.Parameters, new AdamOptions { LearningRate = settings.LearningRate }), data.Loss);
        // One run seed for everything: data, weights, shuffle and each noise consumer draw their own stream of it.
        var pool = new NoisePool(arm.Seed, model.Parameters.Max(p => p.Length));
        TrainingBatches batches = data.CreateBatches(settings.BatchSize, arm.Sigma, arm.Seed, pool.InputNoise);
        var dynamics = new SurgeCollapseTrainer(trainer, new DynamicsOptions { Policy = arm.Policy }, pool, arm.Sigma, arm.Seed);
        int steps = Math.Min(maxSteps, settings.Epochs * batches.BatchesPerEpoch);
        return (batches, dynamics, new RunRecorder(data, dynamics, steps, new InformationLedgerOptions { TemperatureKelvin = settings.TemperatureKelvin }));
    }

    /// <summary>
    /// Trains a throw-away model of every policy for a few hundred steps, <paramref name="jobs"/> at a time, so that the
    /// step's methods are compiled, and under the JIT queued for their optimised tier (at once, see the project file),
    /// before the first arm's clock starts.
    /// </summary>
    public static void WarmUp(SweepSettings settings, TrainingData data, IEnumerable<Simd.Dynamics.DynamicsPolicy> policies, int jobs, CancellationToken cancel)
    {
        SweepSettings brief = settings with { Epochs = 1, CheckpointEvery = 0 };
        string scratch = Directory.CreateTempSubdirectory("surge-warm-up-").FullName;
        try
        {
            Parallel.ForEach(policies, new ParallelOptions { MaxDegreeOfParallelism = jobs }, policy =>
            {
                var arm = new ArmSpec(policy, 0.1, 0);
                Run(arm, brief, data, Path.Combine(scratch, arm.Name), static _ => { }, cancel, WarmUpSteps);
            });
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
