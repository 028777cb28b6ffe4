using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using SurgeCollapse.Cli.Experiment;
using SurgeCollapse.Cli.Reporting;
using SurgeCollapse.Simd;
using SurgeCollapse.Simd.Data;
using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Ledger;
using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Cli.Commands;

/// <summary>
/// <c>surge experiment</c>: the sweep of SPEC §8 — noise levels × policies × seeds on the default ar data — with
/// independent runs in parallel, each written to its own directory under <c>runs/</c>.
/// </summary>
internal static class ExperimentCommand
{
    public static Command Create()
    {
        var noise = new Option<string>("--noise") { Description = "Input-noise levels σ, comma-separated", DefaultValueFactory = _ => "0.05,0.1,0.2" };
        var policies = new Option<string>("--policies") { Description = "Policies, comma-separated: baseline, notebook, scheduled, adaptive", DefaultValueFactory = _ => "baseline,notebook,scheduled,adaptive" };
        var seeds = new Option<string>("--seeds") { Description = "Seeds, comma-separated (one run per seed and arm)", DefaultValueFactory = _ => "1,2,3" };
        DataOptions data = DataOptions.Create();
        var evaluateEvery = new Option<int>("--eval-every") { Description = "Evaluate the validation loss every this many steps (and at the end)", DefaultValueFactory = _ => 50 };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "Write each run's checkpoint every this many steps (0: only at the end)", DefaultValueFactory = _ => 500 };
        var temperature = new Option<double>("--temperature") { Description = "Temperature T of the information ledger's Landauer bound, kelvin (token data)", DefaultValueFactory = _ => new InformationLedgerOptions().TemperatureKelvin };
        var jobs = new Option<int>("--jobs") { Description = "Runs in parallel (each on one thread)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var shard = new Option<string?>("--shard") { Description = "Run only shard i of n of the sweep, e.g. 2/4, for a batch scheduler; merge with 'surge report'" };
        var output = new Option<string?>("--output", "-o") { Description = "Directory of the sweep (default: surge-experiment-<date>-<time>)" };

        var command = new Command("experiment", "Run the Surge-Collapse sweep (noise × policy × seed), write every run's metrics and checkpoint, and report")
        {
            noise, policies, seeds, evaluateEvery, checkpointEvery, temperature, jobs, shard, output,
        };
        var shape = new ModelOptions();
        shape.AddTo(command);
        data.AddTo(command);
        command.SetAction(result =>
        {
            ModelSettings model = shape.Bind(result);
            var settings = new SweepSettings(data.Bind(result), model.Epochs, model.BatchSize, model.Hidden, model.LearningRate, result.GetValue(evaluateEvery), result.GetValue(checkpointEvery), result.GetValue(temperature));
            IReadOnlyList<ArmSpec> arms = SweepPlan.Arms(
                ParseList(result.GetValue(noise)!, "--noise", "standard deviations ≥ 0", ParseSigma),
                ParseList(result.GetValue(policies)!, "--policies", "policies among baseline, notebook, scheduled, adaptive", ParsePolicy),
                ParseList(result.GetValue(seeds)!, "--seeds", "non-negative integer seeds", text => ulong.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture)));
            foreach (DynamicsPolicy policy in arms.Select(arm => arm.Policy).Distinct())
                model.CheckPolicy(policy);
            if (result.GetValue(shard) is { } shardText)
            {
                (int index, int count) = SweepPlan.ParseShard(shardText);
                arms = SweepPlan.Shard(arms, index, count);
            }

            string directory = result.GetValue(output) ?? $"surge-experiment-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
            return Run(settings, arms, result.GetValue(jobs), directory, result.InvocationConfiguration.Output);
        });
        return command;
    }

    private static int Run(SweepSettings settings, IReadOnlyList<ArmSpec> arms, int jobs, string directory, TextWriter output)
    {
        Check(settings.EvaluateEvery >= 1, "--eval-every", "at least 1", settings.EvaluateEvery);
        Check(settings.CheckpointEvery >= 0, "--checkpoint-every", "0 or more", settings.CheckpointEvery);
        Check(jobs >= 1, "--jobs", "at least 1", jobs);
        OptionValidation.Check(new InformationLedgerOptions { TemperatureKelvin = settings.TemperatureKelvin }.Validate,
            new Dictionary<string, string> { [nameof(InformationLedgerOptions.TemperatureKelvin)] = "--temperature" });
        settings.Data.Validate();
        Check(settings.Data.Samples >= 10, "--samples", "at least 10, so that the 10 % validation split holds a sample", settings.Data.Samples);
        // Data is built once per seed (once in all for text) and shared, read-only, by the runs of that seed; the first
        // is built here, before anything is written, so a bad data file stops the sweep at once.
        var data = new ConcurrentDictionary<ulong, Lazy<TrainingData>>();
        TrainingData DataOf(ulong seed) => data.GetOrAdd(settings.Data.DependsOnSeed ? seed : 0, s => new Lazy<TrainingData>(() => settings.Data.Load(s))).Value;
        TrainingData first = DataOf(arms.Count > 0 ? arms[0].Seed : 0);

        string runs = Path.Combine(directory, "runs");
        Directory.CreateDirectory(runs);
        SweepManifest.WriteOrCheck(directory, settings);
        // A finished run is kept and a stopped one continues: re-running a stopped sweep (or a shard) runs only what is missing.
        int kept = arms.Count(arm => RunDirectoryWriter.IsFinished(Path.Combine(runs, arm.Name)));
        arms = [.. arms.Where(arm => !RunDirectoryWriter.IsFinished(Path.Combine(runs, arm.Name)))];
        int resumed = arms.Count(arm => File.Exists(Path.Combine(runs, arm.Name, ArmRunner.CheckpointFile)));
        output.WriteLine($"simd: {SimdCapabilities.Describe()}");
        output.WriteLine(first.Describe());
        string keptNote = (kept, resumed) switch
        {
            (0, 0) => "",
            (_, 0) => $" ({kept} finished runs kept)",
            (0, _) => $" ({resumed} stopped runs continue from their checkpoints)",
            _ => $" ({kept} finished runs kept, {resumed} stopped runs continue from their checkpoints)",
        };
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sweep: {arms.Count} runs of {settings.Epochs} epochs on {Math.Min(jobs, Math.Max(1, arms.Count))} threads, into {Path.GetFullPath(directory)}{keptNote}"));

        // Runs are the parallelism: each multiplies on its own thread.
        using var gemmThreads = new GemmThreadsScope(1);
        using var cancel = new CtrlC();
        if (arms.Count > 0)
            ArmRunner.WarmUp(settings, first, arms.Select(arm => arm.Policy).Distinct(), jobs, cancel.Token);
        var finished = new ConcurrentBag<RunOutcome>();
        SweepProgress progress = SweepProgress.For(output, arms);
        // One run at a time to whichever thread is free: the default partitioning of a list hands out chunks, which
        // left one thread idle at the end while the other finished a chunk of slower runs.
        var oneAtATime = Partitioner.Create(arms, EnumerablePartitionerOptions.NoBuffering);
        progress.Run(() => Parallel.ForEach(oneAtATime, new ParallelOptions { MaxDegreeOfParallelism = jobs }, arm =>
        {
            if (cancel.Pressed)
                return;
            TrainingData source = DataOf(arm.Seed);
            string runDirectory = Path.Combine(runs, arm.Name);
            RunOutcome outcome = ArmRunner.Run(arm, settings, source, runDirectory, progress.ReporterFor(arm), cancel.Token);
            if (outcome.Status != RunStatus.Cancelled)
            {
                RunDirectoryWriter.Write(runDirectory, outcome, settings);
                finished.Add(outcome);
            }

            progress.Finished(outcome);
        }));

        int diverged = finished.Count(o => o.Status == RunStatus.Diverged);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{finished.Count} of {arms.Count} runs written to {Path.GetFullPath(runs)}{(diverged > 0 ? $" ({diverged} diverged)" : "")}"));
        // The report covers every finished run in the directory: this shard's, other shards', earlier invocations'.
        if (Directory.EnumerateDirectories(runs).Any(RunDirectoryWriter.IsFinished))
        {
            ReportResult report = ReportWriter.Write(directory);
            output.WriteLine($"report: {Path.GetFullPath(report.ReportPath)}");
        }

        if (cancel.Pressed)
        {
            output.WriteLine($"stopped by the user: the runs that finished are kept and reported; run the same command with --output {Path.GetFullPath(directory)} to finish the others from their checkpoints");
            return 130;
        }

        return diverged > 0 ? 1 : 0;
    }

    private static void Check(bool valid, string flag, string expected, object value)
    {
        if (!valid)
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"{flag}: expected {expected}, got {value}"));
    }

    private static T[] ParseList<T>(string text, string flag, string expected, Func<string, T> parse)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
            throw new UserInputException($"{flag}: expected comma-separated {expected}, got '{text}'");
        var values = new T[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            try
            {
                values[i] = parse(parts[i]);
            }
            catch (Exception error) when (error is FormatException or OverflowException)
            {
                throw new UserInputException($"{flag}: expected comma-separated {expected}, got '{parts[i]}' in '{text}'");
            }
        }

        if (values.Distinct().Count() != values.Length)
            throw new UserInputException($"{flag}: '{text}' lists a value twice");
        return values;
    }

    private static double ParseSigma(string text)
    {
        double value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return value >= 0 && double.IsFinite(value) ? value : throw new FormatException();
    }

    private static DynamicsPolicy ParsePolicy(string text) =>
        Enum.TryParse(text, ignoreCase: true, out DynamicsPolicy policy) && Enum.IsDefined(policy) && !int.TryParse(text, out _)
            ? policy
            : throw new FormatException();
}
