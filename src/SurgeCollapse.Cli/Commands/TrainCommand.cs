using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SurgeCollapse.Simd;
using SurgeCollapse.Cli.Experiment;
using SurgeCollapse.Simd.Checkpoints;
using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Kernels;
using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Noise;
using SurgeCollapse.Simd.Optimizers;
using SurgeCollapse.Simd.Training;

namespace SurgeCollapse.Cli.Commands;

/// <summary>
/// <c>surge train</c>: trains one model (ar, markov or text data) under a Surge-Collapse policy and prints, every epoch, the
/// losses and what the dynamics did.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var optimizer = new Option<string>("--optimizer") { Description = "adam, adamw or sgd", DefaultValueFactory = _ => "adam" };
        optimizer.AcceptOnlyFromAmong("adam", "adamw", "sgd");
        var momentum = new Option<double>("--momentum") { Description = "SGD momentum", DefaultValueFactory = _ => 0.9 };
        var weightDecay = new Option<double?>("--weight-decay") { Description = "Weight decay λ (default: 0, or 0.01 for adamw)" };
        var nesterov = new Option<bool>("--nesterov") { Description = "SGD: Nesterov momentum" };
        var noise = new Option<double>("--noise") { Description = "Standard deviation σ of the Gaussian noise added to training inputs", DefaultValueFactory = _ => 0.1 };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Write the model, masks and optimizer state to this safetensors file at the end (and every --checkpoint-every steps)" };
        var resume = new Option<string?>("--resume") { Description = "Continue the run saved in this checkpoint (same data, seed, policy and options), bit for bit as if it had not stopped" };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "With --checkpoint or --output: also write the checkpoint every this many steps (0: only at the end and on Ctrl-C; a killed run resumes from the last one written)", DefaultValueFactory = _ => 0 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the data, the initial weights, the shuffle and the noise", DefaultValueFactory = _ => 42UL };
        var threads = new Option<int>("--threads") { Description = "Threads one matrix product may use", DefaultValueFactory = _ => Environment.ProcessorCount };
        var output = new Option<string?>("--output", "-o") { Description = "Write a run directory here: metrics.csv, events.csv, run.json, the checkpoint, summary.json, charts and report.html" };
        var evaluateEvery = new Option<int>("--eval-every") { Description = "With --output: record the validation loss every this many steps (and at the end)", DefaultValueFactory = _ => 50 };

        var command = new Command("train", "Train one model (ar, markov or text data) under a Surge-Collapse policy and print the losses, entropies, sparsity and events per epoch")
        {
            optimizer, momentum, weightDecay, nesterov, noise, seed, threads, checkpoint, checkpointEvery, resume,
            output, evaluateEvery,
        };
        var shape = new ModelOptions();
        shape.AddTo(command);
        DataOptions data = DataOptions.Create();
        data.AddTo(command);
        var dynamics = new DynamicsOptionsBinder();
        dynamics.AddTo(command);
        command.SetAction(result => Run(result.InvocationConfiguration.Output, new TrainSettings(
            data.Bind(result), shape.Bind(result), result.GetValue(optimizer)!, result.GetValue(momentum), result.GetValue(weightDecay), result.GetValue(nesterov), result.GetValue(noise), result.GetValue(seed), result.GetValue(threads),
            dynamics.Bind(result), result.GetValue(checkpoint), result.GetValue(checkpointEvery), result.GetValue(resume),
            result.GetValue(output), result.GetValue(evaluateEvery))));
        return command;
    }

    /// <summary>The flag behind each engine option, so range errors name what the user typed.</summary>
    private static readonly Dictionary<string, string> Flags = new(DynamicsOptionsBinder.Flags)
    {
        ["BatchSize"] = "--batch-size", ["InputNoiseStandardDeviation"] = "--noise", ["LearningRate"] = "--learning-rate", ["Momentum"] = "--momentum",
        ["WeightDecay"] = "--weight-decay", ["Nesterov"] = "--nesterov",
    };

    private sealed record TrainSettings(DataSettings Data, ModelSettings Model, string Optimizer, double Momentum, double? WeightDecay, bool Nesterov, double Noise, ulong Seed, int Threads, DynamicsOptions Dynamics, string? Checkpoint, int CheckpointEvery, string? Resume,
        string? Output, int EvaluateEvery)
    {
        public int Epochs => Model.Epochs;

        public int BatchSize => Model.BatchSize;

        public int[] Hidden => Model.Hidden;

        public double LearningRate => Model.LearningRate;

        /// <summary>Where checkpoints go: --checkpoint, else the run directory's, else nowhere.</summary>
        public string? CheckpointPath => Checkpoint ?? (Output is { } directory ? Path.Combine(directory, ArmRunner.CheckpointFile) : null);
    }

    private static int Run(TextWriter output, TrainSettings settings)
    {
        if (settings.Threads < 1)
            throw new UserInputException($"--threads: expected at least 1, got {settings.Threads}");
        if (settings.CheckpointEvery < 0)
            throw new UserInputException($"--checkpoint-every: expected 0 or more, got {settings.CheckpointEvery}");
        if (settings.EvaluateEvery < 1)
            throw new UserInputException($"--eval-every: expected at least 1, got {settings.EvaluateEvery}");
        CheckOutputDirectory(settings);
        // One run seed for everything: data, initial weights, shuffle and noise each draw their own stream of it.
        var samplerOptions = new BatchSamplerOptions { BatchSize = settings.BatchSize, InputNoiseStandardDeviation = settings.Noise, Seed = settings.Seed };
        settings.Data.Validate();
        OptionValidation.Check(samplerOptions.Validate, Flags);
        OptionValidation.Check(settings.Dynamics.Validate, Flags);
        Func<Mlp, Optimizer> createOptimizer = OptimizerFactory(settings);
        settings.Model.CheckPolicy(settings.Dynamics.Policy);
        if (settings.Data.Samples < 10)
            throw new UserInputException($"--samples: expected at least 10 so that the 10 % validation split holds a sample, got {settings.Data.Samples}");
        using var gemmThreads = new GemmThreadsScope(settings.Threads);
        // A resumed run must be the same run: checked before anything is built or printed.
        Dictionary<string, string> metadata = RunMetadata.Of(settings.Data.Kind, settings.Dynamics.Policy, settings.Noise, settings.Seed, Spell(settings));
        if (settings.Resume is { } resumeFrom)
            RunMetadata.CheckSame(resumeFrom, SafetensorsFile.Read(resumeFrom).Metadata, metadata);

        output.WriteLine($"simd: {SimdCapabilities.Describe()}");
        TrainingData data = settings.Data.Load(settings.Seed);
        int[] sizes = [data.InputSize, .. settings.Hidden, data.OutputSize];
        var model = new Mlp(sizes, settings.BatchSize, settings.Seed);
        Optimizer optimizer = createOptimizer(model);
        var trainer = new Trainer(model, optimizer, data.Loss);
        var pool = new NoisePool(settings.Seed, model.Parameters.Max(p => p.Length));
        TrainingBatches batches = data.CreateBatches(settings.BatchSize, settings.Noise, settings.Seed, pool.InputNoise);
        var dynamics = new SurgeCollapseTrainer(trainer, settings.Dynamics, pool, settings.Noise, settings.Seed);
        output.WriteLine(data.Describe());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"model [{string.Join(", ", sizes)}], {settings.Optimizer} lr {settings.LearningRate:G4}, batch {settings.BatchSize}, input noise σ {settings.Noise:G3}, seed {settings.Seed}"));
        output.WriteLine(DynamicsDescription.Policy(settings.Dynamics));
        output.WriteLine(DynamicsDescription.Entropy(settings.Dynamics.Entropy));

        long total = (long)settings.Epochs * batches.BatchesPerEpoch;
        if (total > int.MaxValue)
            throw new UserInputException($"--epochs: {settings.Epochs} epochs are {total} steps, more than one run records; ask for fewer");
        IReadOnlyDictionary<string, string>? saved = settings.Resume is { } resume ? batches.Load(resume, dynamics) : null;
        long step = dynamics.StepCount;
        if (step >= total)
            throw new UserInputException($"--epochs: the checkpoint has already trained {step} steps, {settings.Epochs} epochs are {total}; ask for more epochs");
        RunRecorder? record = settings.Output is null ? null
            : new RunRecorder(data, dynamics, (int)total, new Simd.Ledger.InformationLedgerOptions());
        if (settings.Resume is { } resumed)
        {
            if (record is not null)
            {
                record.ReadBack(settings.Output!, resumed, saved!, batches.BatchesPerEpoch);
                // Until it ends again the directory holds a run in progress, which reports skip.
                File.Delete(Path.Combine(settings.Output!, RunDirectoryWriter.RunFile));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"resumed from {resumed} after step {step}"));
        }

        void Save()
        {
            if (settings.CheckpointPath is not { } path || !model.HasFiniteParameters())
                return;
            if (record is not null)
                record.Save(settings.Output!, path, batches, metadata);
            else
                batches.Save(path, dynamics, metadata);
        }

        int firstEpoch = (int)(step / batches.BatchesPerEpoch) + 1;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {firstEpoch - 1,3}  validation loss {batches.Evaluate(trainer):F6}"));
        var epochDynamics = new EpochDynamics();
        using var stop = new CtrlC();
        Func<double> evaluate = () => batches.Evaluate(trainer);
        record?.StartClock();
        for (int epoch = firstEpoch; epoch <= settings.Epochs; epoch++)
        {
            double trainingLoss = 0;
            int rows = 0, steps = 0;
            var clock = Stopwatch.StartNew();
            // A resumed run may start inside an epoch: it finishes that epoch's remaining batches.
            for (; step < (long)epoch * batches.BatchesPerEpoch; steps++)
            {
                if (stop.Pressed)
                {
                    Save();
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stopped by the user after step {step}") +
                        (settings.CheckpointPath is { } path ? $"; continue with the same command and --resume {path}" : ""));
                    return 130;
                }

                float loss = batches.Step(dynamics);
                step++;
                string? why = record is not null ? record.Take(loss, batches.Rows, step, total, settings.EvaluateEvery, evaluate)
                    : float.IsFinite(loss) ? null
                    : string.Create(CultureInfo.InvariantCulture, $"the training loss became {loss} at step {step}");
                if (why is not null)
                {
                    // The checkpoint on disk, if any, is from before: the last good state.
                    output.WriteLine($"training diverged at epoch {epoch}: {why}; lower --learning-rate");
                    Finish(RunStatus.Diverged, why);
                    return 1;
                }

                epochDynamics.Add(dynamics);
                trainingLoss += (double)loss * batches.Rows;
                rows += batches.Rows;
                if (settings.CheckpointEvery > 0 && step % settings.CheckpointEvery == 0)
                    Save();
            }

            double seconds = clock.Elapsed.TotalSeconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {epoch,3}  training loss {trainingLoss / rows:F6}  validation loss {batches.Evaluate(trainer):F6}  " +
                $"{epochDynamics.Finish(dynamics)}  {steps / seconds:F0} steps/s"));
        }

        Save();
        if (settings.CheckpointPath is { } final && model.HasFiniteParameters())
            output.WriteLine($"checkpoint: {Path.GetFullPath(final)}");
        Finish(RunStatus.Completed, null);
        return 0;

        // With --output: the run directory as a sweep writes it, and its report.
        void Finish(RunStatus status, string? message)
        {
            if (record is null)
                return;
            var arm = new ArmSpec(settings.Dynamics.Policy, settings.Noise, settings.Seed);
            var run = new SweepSettings(settings.Data, settings.Epochs, settings.BatchSize, settings.Hidden, settings.LearningRate,
                settings.EvaluateEvery, settings.CheckpointEvery, new Simd.Ledger.InformationLedgerOptions().TemperatureKelvin);
            RunDirectoryWriter.Write(settings.Output!, new RunOutcome(arm, data, record, batches.BatchesPerEpoch, status, message), run);
            Reporting.ReportResult report = Reporting.ReportWriter.Write(settings.Output!, [settings.Output!]);
            output.WriteLine($"run: {Path.GetFullPath(settings.Output!)}");
            output.WriteLine($"report: {Path.GetFullPath(report.ReportPath)}");
        }
    }

    /// <summary>
    /// An output directory must be new or hold the run that --resume continues (stopped, or finished and trained for
    /// more epochs): no run is overwritten by another.
    /// </summary>
    private static void CheckOutputDirectory(TrainSettings settings)
    {
        if (settings.Output is not { } directory)
            return;
        if (File.Exists(directory))
            throw new UserInputException($"--output {directory}: is a file; expected a directory");
        bool started = File.Exists(Path.Combine(directory, RunDirectoryWriter.MetricsFile));
        string resume = $"--resume {settings.CheckpointPath}";
        if (started && settings.Resume is null && RunDirectoryWriter.IsFinished(directory))
            throw new UserInputException($"--output {directory}: already holds a finished run; train it further with {resume} and more --epochs, or choose another directory");
        if (started && settings.Resume is null)
            throw new UserInputException($"--output {directory}: holds a stopped run; continue it with {resume}, or choose another directory");
        if (!started && settings.Resume is not null)
            throw new UserInputException($"--resume with --output {directory}: the directory holds no metrics.csv of the run to continue; resume without --output, or into the run's own directory");
        if (!started && Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
            throw new UserInputException($"--output {directory}: is not empty and holds no run; choose a new or empty directory");
    }

    /// <summary>Every option that shapes the run but the epochs, threads and checkpoint paths: a resume must match it.</summary>
    private static string Spell(TrainSettings settings) => string.Create(CultureInfo.InvariantCulture,
        $"hidden {string.Join(',', settings.Hidden)}; batch {settings.BatchSize}; {settings.Optimizer} lr {settings.LearningRate:R} momentum {settings.Momentum:R} " +
        $"weight-decay {settings.WeightDecay?.ToString("R", CultureInfo.InvariantCulture) ?? "default"} nesterov {settings.Nesterov}; {settings.Data}; {settings.Dynamics}");

    /// <summary>The optimizer, its options validated now (so a bad value stops the run before anything is printed).</summary>
    private static Func<Mlp, Optimizer> OptimizerFactory(TrainSettings settings)
    {
        if (settings.Optimizer == "sgd")
        {
            var sgd = new SgdOptions
            {
                LearningRate = settings.LearningRate, Momentum = settings.Momentum, Nesterov = settings.Nesterov, WeightDecay = settings.WeightDecay ?? 0,
            };
            OptionValidation.Check(sgd.Validate, Flags);
            return model => new Sgd(model.Parameters, sgd);
        }

        AdamOptions adam = settings.Optimizer == "adamw" ? AdamOptions.AdamW : new AdamOptions();
        adam = adam with { LearningRate = settings.LearningRate, WeightDecay = settings.WeightDecay ?? adam.WeightDecay };
        OptionValidation.Check(adam.Validate, Flags);
        return model => new Adam(model.Parameters, adam);
    }
}
