using System.Globalization;
using System.Text.Json;
using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Kernels;
using SurgeCollapse.Simd.Training;

namespace SurgeCollapse.Cli.Experiment;

/// <summary>
/// Writes one run's directory: <c>metrics.csv</c> (a row per step), <c>events.csv</c> and, last, <c>run.json</c> — its
/// presence marks a run that finished (completed or diverged), so a reader skips directories without it. An unfinished
/// run's files grow with each checkpoint (<see cref="Append"/>), so that it can resume with its record whole.
/// </summary>
internal static class RunDirectoryWriter
{
    /// <summary>The file whose presence marks a finished run.</summary>
    public const string RunFile = "run.json";

    /// <summary>A row per step.</summary>
    public const string MetricsFile = "metrics.csv";

    /// <summary>A row per collapse, surge or pump.</summary>
    public const string EventsFile = "events.csv";

    /// <summary>True when <paramref name="directory"/> holds a finished run.</summary>
    public static bool IsFinished(string directory) => File.Exists(Path.Combine(directory, RunFile));

    public static void Write(string directory, RunOutcome outcome, SweepSettings settings)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.WriteText(Path.Combine(directory, MetricsFile), writer => WriteMetrics(writer, outcome.Metrics, outcome.StepsPerEpoch, 0));
        AtomicFile.WriteText(Path.Combine(directory, EventsFile), writer => WriteEvents(writer, outcome.Events, 0));
        AtomicFile.Write(Path.Combine(directory, RunFile), stream => WriteRun(stream, outcome, settings));
    }

    /// <summary>
    /// Appends the steps and events recorded since the last call to the files of an unfinished run (written whole, header
    /// first, when <paramref name="fromRow"/> is 0): each save adds only what is new, and a reader resuming the run
    /// takes the rows up to its checkpoint's step, so a line cut short by a crash after them does no harm.
    /// </summary>
    public static void Append(string directory, RunMetrics metrics, int fromRow, IReadOnlyList<DynamicsEvent> events, int fromEvent, int stepsPerEpoch)
    {
        Directory.CreateDirectory(directory);
        if (fromRow == 0)
        {
            AtomicFile.WriteText(Path.Combine(directory, MetricsFile), writer => WriteMetrics(writer, metrics, stepsPerEpoch, 0));
            AtomicFile.WriteText(Path.Combine(directory, EventsFile), writer => WriteEvents(writer, events, 0));
            return;
        }

        using (var writer = new StreamWriter(Path.Combine(directory, MetricsFile), append: true))
            WriteMetrics(writer, metrics, stepsPerEpoch, fromRow);
        using (var writer = new StreamWriter(Path.Combine(directory, EventsFile), append: true))
            WriteEvents(writer, events, fromEvent);
    }

    /// <summary>The metrics file's columns for <paramref name="metrics"/>' model.</summary>
    public static List<string> MetricsHeader(RunMetrics metrics)
    {
        var header = new List<string> { "step", "epoch", "training_loss", "validation_loss", "activation_entropy", "target_entropy", "sparsity", "input_sigma" };
        for (int l = 0; l < metrics.HiddenLayers; l++)
            header.AddRange([$"activation_entropy_{l}", $"zero_fraction_{l}", $"positive_entropy_{l}"]);
        header.AddRange(metrics.WeightNames.Select(name => $"sparsity_{name}"));
        return header;
    }

    /// <summary>The rows from <paramref name="fromRow"/> on; the header too when that is 0.</summary>
    private static void WriteMetrics(TextWriter writer, RunMetrics metrics, int stepsPerEpoch, int fromRow)
    {
        List<string> header = MetricsHeader(metrics);
        if (fromRow == 0)
            writer.WriteLine(string.Join(',', header));

        int capacity = metrics.Capacity;
        var row = new List<string>(header.Count);
        for (int r = fromRow; r < metrics.Count; r++)
        {
            row.Clear();
            row.AddRange([Number(r + 1), Number(r / stepsPerEpoch + 1), Number(metrics.TrainingLoss[r]), Number(metrics.ValidationLoss[r]),
                Number(metrics.ActivationEntropy[r]), Number(metrics.TargetEntropy[r]), Number(metrics.Sparsity[r]), Number(metrics.InputSigma[r])]);
            for (int l = 0; l < metrics.HiddenLayers; l++)
                row.AddRange([Number(metrics.LayerEntropy[l * capacity + r]), Number(metrics.LayerZeroFraction[l * capacity + r]), Number(metrics.LayerPositiveEntropy[l * capacity + r])]);
            for (int w = 0; w < metrics.WeightNames.Count; w++)
                row.Add(Number(metrics.WeightSparsity[w * capacity + r]));
            writer.WriteLine(string.Join(',', row));
        }
    }

    private static void WriteEvents(TextWriter writer, IReadOnlyList<DynamicsEvent> events, int fromEvent)
    {
        if (fromEvent == 0)
            writer.WriteLine("step,rule,action,entropy,sparsity_before,sparsity_after,input_sigma,changed");
        for (int i = fromEvent; i < events.Count; i++)
        {
            DynamicsEvent e = events[i];
            writer.WriteLine(string.Join(',', Number(e.Step), RuleWord(e.Rule), e.Action.ToString().ToLowerInvariant(), Number(e.Entropy),
                Number(e.SparsityBefore), Number(e.SparsityAfter), Number(e.InputSigma), Number(e.Changed)));
        }
    }

    private static void WriteRun(Stream stream, RunOutcome outcome, SweepSettings settings)
    {
        using var json = new Utf8JsonWriter(stream, SweepManifest.JsonOptions);
        ArmSpec arm = outcome.Arm;
        json.WriteStartObject();
        json.WriteString("policy", arm.PolicyWord);
        json.WriteNumber("noise", arm.Sigma);
        json.WriteNumber("seed", arm.Seed);
        json.WriteString("data", outcome.Data.Name);
        json.WriteString("loss", outcome.Data.Loss == LossKind.CrossEntropy ? "cross_entropy" : "mse");
        json.WriteStartArray("sizes");
        foreach (int size in (int[])[outcome.Data.InputSize, .. settings.Hidden, outcome.Data.OutputSize])
            json.WriteNumberValue(size);
        json.WriteEndArray();
        json.WriteNumber("batch_size", settings.BatchSize);
        json.WriteNumber("epochs", settings.Epochs);
        json.WriteNumber("steps", outcome.Metrics.Count);
        json.WriteBoolean("completed", outcome.Status == RunStatus.Completed);
        json.WriteBoolean("diverged", outcome.Status == RunStatus.Diverged);
        if (outcome.Message is null)
            json.WriteNull("message");
        else
            json.WriteString("message", outcome.Message);
        WriteNumberOrNull(json, "final_training_loss", outcome.FinalTrainingLoss);
        WriteNumberOrNull(json, "final_validation_loss", outcome.FinalValidation.Loss);
        WriteNumberOrNull(json, "best_validation_loss", outcome.BestValidation.Loss);
        json.WriteNumber("best_validation_step", outcome.BestValidation.Step);
        WriteNumberOrNull(json, "final_sparsity", outcome.Metrics.Count > 0 ? outcome.Metrics.Sparsity[outcome.Metrics.Count - 1] : double.NaN);
        json.WriteStartObject("events");
        json.WriteNumber("collapse", outcome.CountOf(DynamicsAction.Collapse));
        json.WriteNumber("surge", outcome.CountOf(DynamicsAction.Surge));
        json.WriteNumber("pump", outcome.CountOf(DynamicsAction.Pump));
        json.WriteEndObject();
        WriteNumberOrNull(json, "steps_per_second", outcome.StepsPerSecond);
        json.WriteNumber("resumed_after_step", outcome.Record.ResumedSteps);
        WriteNumberOrNull(json, "loss_floor", outcome.Data.LossFloor ?? double.NaN);
        json.WriteStartObject("entropy");
        json.WriteNumber("bins", new Simd.Entropy.EntropyOptions().Bins);
        json.WriteString("range", "batch");
        json.WriteString("unit", "nats");
        json.WriteBoolean("normalized", true);
        json.WriteEndObject();
        json.WriteString("simd", SimdCapabilities.Describe());
        WriteLedger(json, outcome);
        json.WriteEndObject();
    }

    /// <summary>SPEC §9's rows for token data, in bits; null for vector data, where the ledger is not defined.</summary>
    private static void WriteLedger(Utf8JsonWriter json, RunOutcome outcome)
    {
        if (outcome.Data.Loss != LossKind.CrossEntropy)
        {
            json.WriteNull("ledger");
            return;
        }

        json.WriteStartArray("ledger");
        foreach ((int step, Simd.Ledger.InformationLedgerRow row) in outcome.Ledger)
        {
            json.WriteStartObject();
            json.WriteNumber("step", step);
            json.WriteNumber("n_bits", row.ParameterBits);
            json.WriteNumber("d_tokens", row.TokensPredicted);
            json.WriteNumber("h_bits", row.DataEntropyBitsPerToken);
            json.WriteBoolean("h_is_estimate", !row.DataEntropyIsExact);
            json.WriteNumber("l_bits", row.LossBitsPerToken);
            json.WriteNumber("i_bits", row.InformationBits);
            json.WriteNumber("eta", row.Efficiency);
            json.WriteNumber("e0_joules", row.LandauerEnergyJoules);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
            json.WriteNumber(name, value);
        else
            json.WriteNull(name);
    }

    /// <summary>The rule as written in events.csv.</summary>
    public static string RuleWord(DynamicsRule rule) => rule switch
    {
        DynamicsRule.ScheduledCollapse => "scheduled-collapse",
        DynamicsRule.ScheduledSurge => "scheduled-surge",
        DynamicsRule.HighEntropy => "high-entropy",
        DynamicsRule.LowEntropy => "low-entropy",
        _ => "plateau",
    };

    /// <summary>Round-trip, invariant; empty for NaN (a validation loss not evaluated at that step).</summary>
    private static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);
}
