using SurgeCollapse.Cli.Reporting;
using SurgeCollapse.Simd;
using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Training;

namespace SurgeCollapse.Cli.Experiment;

/// <summary>
/// Reads back the first steps of an unfinished run's metrics.csv and events.csv into a fresh record, so that a resumed
/// run writes the same files as one that never stopped. Rows after the checkpoint's step are left unread — they were
/// appended after it (the last perhaps cut short by a crash), and are trained again.
/// </summary>
internal static class RunRecordReader
{
    /// <summary>Appends steps 1…<paramref name="steps"/> to <paramref name="metrics"/> and their events to <paramref name="events"/>.</summary>
    /// <exception cref="UserInputException">A file is missing, has other columns than this run writes, or holds fewer steps.</exception>
    public static void Read(string directory, long steps, RunMetrics metrics, List<DynamicsEvent> events)
    {
        string metricsPath = Path.Combine(directory, RunDirectoryWriter.MetricsFile);
        string eventsPath = Path.Combine(directory, RunDirectoryWriter.EventsFile);
        foreach (string path in (string[])[metricsPath, eventsPath])
        {
            if (!File.Exists(path))
                throw new UserInputException($"{path}: missing; the checkpoint's run cannot be resumed with its record");
        }

        ReadMetrics(metricsPath, steps, metrics);
        ReadEvents(eventsPath, steps, events);
    }

    private static void ReadMetrics(string path, long steps, RunMetrics metrics)
    {
        using CsvReader csv = CsvReader.Open(path, path);
        List<string> header = RunDirectoryWriter.MetricsHeader(metrics);
        int[] columns = [.. header.Select(name => csv.Column(name))];
        int hidden = metrics.HiddenLayers, weights = metrics.WeightNames.Count;
        Span<double> layers = stackalloc double[3 * hidden];
        Span<double> sparsity = stackalloc double[weights];
        for (long step = 1; step <= steps; step++)
        {
            if (!csv.ReadRow())
                throw new UserInputException($"{path}: holds {step - 1} steps, the checkpoint {steps}; the run cannot be resumed with its record");
            if (csv.Integer(columns[0]) != step)
                throw new UserInputException($"{path} line {csv.LineNumber}: field step: expected {step}, got {csv.Text(columns[0])}");
            for (int i = 0; i < layers.Length; i++)
                layers[i] = csv.Number(columns[8 + i]);
            for (int w = 0; w < weights; w++)
                sparsity[w] = csv.Number(columns[8 + layers.Length + w]);
            metrics.Append((float)csv.Number(columns[2]), csv.Number(columns[3]), csv.Number(columns[4]), csv.Number(columns[5]),
                csv.Number(columns[6]), csv.Number(columns[7]), layers, sparsity);
        }
    }

    private static void ReadEvents(string path, long steps, List<DynamicsEvent> events)
    {
        using CsvReader csv = CsvReader.Open(path, path);
        int step = csv.Column("step"), rule = csv.Column("rule"), action = csv.Column("action"), entropy = csv.Column("entropy"),
            before = csv.Column("sparsity_before"), after = csv.Column("sparsity_after"), sigma = csv.Column("input_sigma"), changed = csv.Column("changed");
        while (true)
        {
            try
            {
                if (!csv.ReadRow())
                    break;
            }
            catch (UserInputException) when (csv.AtEnd)
            {
                break; // the last line, cut short by a crash while it was appended: it was after the checkpoint
            }

            long at = csv.Integer(step, minimum: 1);
            if (at > steps)
                break;
            events.Add(new DynamicsEvent(at, Parse<DynamicsRule>(csv, rule, RunDirectoryWriter.RuleWord), Parse<DynamicsAction>(csv, action, a => a.ToString().ToLowerInvariant()),
                csv.Number(entropy), csv.Number(before), csv.Number(after), csv.Number(sigma), (int)csv.Integer(changed, minimum: 0)));
        }
    }

    /// <summary>The enum value whose written word is the field's text.</summary>
    private static T Parse<T>(CsvReader csv, int column, Func<T, string> word) where T : struct, Enum
    {
        string text = csv.Text(column);
        foreach (T value in Enum.GetValues<T>())
        {
            if (word(value) == text)
                return value;
        }

        throw new UserInputException($"{csv.DisplayPath} line {csv.LineNumber}: field {(typeof(T) == typeof(DynamicsRule) ? "rule" : "action")}: expected one of " +
            $"{string.Join(", ", Enum.GetValues<T>().Select(word))}, got '{text}'");
    }
}
