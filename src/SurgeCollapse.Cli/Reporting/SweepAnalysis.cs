using System.Globalization;
using SurgeCollapse.Simd.Statistics;

namespace SurgeCollapse.Cli.Reporting;

/// <summary>
/// The sweep, aggregated: arms (policy × σ) with their statistics over seeds, the paired comparisons of every policy
/// against baseline at each σ, the settings the runs share and the notes on what was left out.
/// </summary>
internal sealed class SweepAnalysis
{
    /// <summary>The event kinds every table shows, even at zero; kinds the runs report beyond these follow.</summary>
    private static readonly string[] StandardEventKinds = ["collapse", "surge", "pump"];

    /// <summary>The metrics compared against baseline, by their summary.json names.</summary>
    public static readonly string[] ComparedMetrics = ["final_validation_loss", "best_validation_loss"];

    public required SweepInput Input { get; init; }
    public required IReadOnlyList<ArmSummary> Arms { get; init; }
    public required IReadOnlyList<double> NoiseLevels { get; init; }
    public required IReadOnlyList<string> EventKinds { get; init; }
    public required IReadOnlyList<ComparisonRow> Comparisons { get; init; }

    /// <summary>The distinct loss floors the runs report (usually one, or none).</summary>
    public required IReadOnlyList<double> LossFloors { get; init; }

    /// <summary>Setting name → its distinct values over the runs, as text (one value when the runs agree).</summary>
    public required IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Settings { get; init; }

    /// <summary>The runs that carry an information ledger (token data); empty for vector data.</summary>
    public required IReadOnlyList<RunData> LedgerRuns { get; init; }

    /// <summary>Notes for the reader: skipped runs, diverged runs, missing baselines, charts not drawn.</summary>
    public IReadOnlyList<string> Notes => notes;

    private readonly List<string> notes = [];

    /// <summary>Adds a note for the reader (one line).</summary>
    public void AddNote(string note) => notes.Add(note);

    public static SweepAnalysis Build(SweepInput input)
    {
        var notes = new List<string>(input.Notes);
        var eventKinds = new List<string>(StandardEventKinds);
        foreach (RunData run in input.Runs)
        {
            foreach (string kind in EventCounts(run).Keys)
            {
                if (!eventKinds.Contains(kind))
                    eventKinds.Add(kind);
            }

            if (!run.Completed)
            {
                string why = run.Record.Diverged == true ? "diverged" : "did not complete";
                string message = string.IsNullOrWhiteSpace(run.Record.Message) ? "" : $": {run.Record.Message}";
                notes.Add($"{run.Name}: {why}{message}; left out of the statistics and the mean curves");
            }
        }

        var arms = new List<ArmSummary>();
        foreach (IGrouping<ArmKey, RunData> group in input.Runs.GroupBy(run => run.Arm).OrderBy(group => group.Key))
        {
            RunData[] runs = [.. group.OrderBy(run => run.Seed)];
            RunData[] completed = [.. runs.Where(run => run.Completed)];
            var events = new Dictionary<string, SampleSummary>();
            foreach (string kind in eventKinds)
                events[kind] = Summarise(completed, run => EventCounts(run).GetValueOrDefault(kind));
            arms.Add(new ArmSummary
            {
                Key = group.Key, Runs = runs, CompletedRuns = completed,
                FinalValidationLoss = Summarise(completed, run => run.Record.FinalValidationLoss),
                BestValidationLoss = Summarise(completed, run => run.Record.BestValidationLoss),
                FinalSparsity = Summarise(completed, run => run.Record.FinalSparsity),
                Events = events,
                StepsPerSecond = Summarise(completed, run => run.Record.StepsPerSecond),
            });
        }

        double[] noiseLevels = [.. arms.Select(arm => arm.Key.Noise).Distinct().Order()];
        var comparisons = new List<ComparisonRow>();
        foreach (double noise in noiseLevels)
        {
            ArmSummary? baseline = arms.Find(arm => arm.Key.Noise == noise && arm.Key.Policy == ArmKey.BaselinePolicy);
            ArmSummary[] others = [.. arms.Where(arm => arm.Key.Noise == noise && arm.Key.Policy != ArmKey.BaselinePolicy)];
            if (baseline is null)
            {
                if (others.Length > 0)
                {
                    notes.Add(string.Create(CultureInfo.InvariantCulture,
                        $"σ = {noise}: no baseline runs, so {string.Join(", ", others.Select(arm => arm.Key.Policy))} {(others.Length == 1 ? "is" : "are")} not compared"));
                }

                continue;
            }

            foreach (ArmSummary arm in others)
            {
                comparisons.Add(Compare(arm, baseline, ComparedMetrics[0], run => run.Record.FinalValidationLoss));
                comparisons.Add(Compare(arm, baseline, ComparedMetrics[1], run => run.Record.BestValidationLoss));
            }
        }

        double[] floors = [.. input.Runs.Select(run => run.Record.LossFloor).OfType<double>().Where(double.IsFinite).Distinct().Order()];
        if (floors.Length > 1)
            notes.Add($"the runs report {floors.Length} different loss floors; each chart draws those of its runs");
        RunData[] ledgerRuns = [.. input.Runs.Where(run => run.Record.Ledger is { Length: > 0 })];
        var analysis = new SweepAnalysis
        {
            Input = input, Arms = arms, NoiseLevels = noiseLevels, EventKinds = eventKinds, Comparisons = comparisons,
            LossFloors = floors, Settings = CollectSettings(input.Runs), LedgerRuns = ledgerRuns,
        };
        analysis.notes.AddRange(notes);
        return analysis;
    }

    /// <summary>Events by kind: run.json's counts, or the actions in events.csv when run.json has none.</summary>
    public static IReadOnlyDictionary<string, int> EventCounts(RunData run)
    {
        if (run.Record.Events is { } counts)
            return counts;
        var fromFile = new Dictionary<string, int>();
        foreach (RunEvent runEvent in run.Events)
            fromFile[runEvent.Action] = fromFile.GetValueOrDefault(runEvent.Action) + 1;
        return fromFile;
    }

    private static SampleSummary Summarise(IEnumerable<RunData> runs, Func<RunData, double?> value)
    {
        double[] values = [.. runs.Select(value).OfType<double>().Where(double.IsFinite)];
        return SampleSummary.Of(values);
    }

    private static ComparisonRow Compare(ArmSummary arm, ArmSummary baseline, string metric, Func<RunData, double?> value)
    {
        var seeds = new List<ulong>();
        var treatment = new List<double>();
        var control = new List<double>();
        foreach (RunData run in arm.CompletedRuns)
        {
            RunData? match = baseline.CompletedRuns.FirstOrDefault(other => other.Seed == run.Seed);
            if (match is null || value(run) is not { } policyValue || value(match) is not { } baselineValue
                || !double.IsFinite(policyValue) || !double.IsFinite(baselineValue))
                continue;
            seeds.Add(run.Seed);
            treatment.Add(policyValue);
            control.Add(baselineValue);
        }

        PairedComparison result = PairedComparison.Compute(treatment.ToArray(), control.ToArray());
        return new ComparisonRow(arm.Key.Noise, arm.Key.Policy, metric, seeds, Descriptive.Mean(control.ToArray()), result);
    }

    private static List<KeyValuePair<string, IReadOnlyList<string>>> CollectSettings(IReadOnlyList<RunData> runs)
    {
        var settings = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        void Add(string name, Func<RunRecord, string?> value)
        {
            string[] distinct = [.. runs.Select(run => value(run.Record)).OfType<string>().Distinct(StringComparer.Ordinal)];
            if (distinct.Length > 0)
                settings.Add(new(name, distinct));
        }

        Add("data", record => record.Data);
        Add("loss", record => record.Loss);
        Add("sizes", record => record.Sizes is { } sizes ? $"[{string.Join(", ", sizes)}]" : null);
        Add("batch_size", record => Invariant(record.BatchSize));
        Add("epochs", record => Invariant(record.Epochs));
        Add("steps", record => Invariant(record.Steps));
        Add("entropy", record => record.Entropy is { } entropy
            ? string.Create(CultureInfo.InvariantCulture, $"{entropy.Bins} bins, {entropy.Range} range, {entropy.Unit}{(entropy.Normalized == true ? ", normalised (H / ln B)" : "")}")
            : null);
        Add("simd", record => record.Simd);
        return settings;
    }

    private static string? Invariant<T>(T? value) where T : struct, IFormattable =>
        value?.ToString(null, CultureInfo.InvariantCulture);
}
