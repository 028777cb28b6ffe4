using System.Text.Json;
using System.Text.RegularExpressions;
using SurgeCollapse.Simd;

namespace SurgeCollapse.Cli.Reporting;

/// <summary>
/// Reads one run directory (run.json, metrics.csv, events.csv). A malformed file is the user's to fix: the
/// <see cref="UserInputException"/> names the file, the line and the field in one line.
/// </summary>
internal static partial class RunDirectoryReader
{
    public const string RecordFile = Experiment.RunDirectoryWriter.RunFile;
    public const string MetricsFile = Experiment.RunDirectoryWriter.MetricsFile;
    public const string EventsFile = Experiment.RunDirectoryWriter.EventsFile;

    /// <summary>Reads the run in <paramref name="directory"/>, shown in messages as <paramref name="displayDirectory"/>.</summary>
    public static RunData Read(string directory, string displayDirectory, string name)
    {
        RunRecord record = ReadRecord(Path.Combine(directory, RecordFile), Path.Join(displayDirectory, RecordFile));
        string metricsPath = Path.Combine(directory, MetricsFile);
        if (!File.Exists(metricsPath))
            throw new UserInputException($"{Path.Join(displayDirectory, MetricsFile)}: missing (run.json is there, so the run started)");
        MetricsTable metrics = ReadMetrics(metricsPath, Path.Join(displayDirectory, MetricsFile));
        string eventsPath = Path.Combine(directory, EventsFile);
        IReadOnlyList<RunEvent> events = File.Exists(eventsPath) ? ReadEvents(eventsPath, Path.Join(displayDirectory, EventsFile)) : [];
        return new RunData(name, directory, record, metrics, events);
    }

    /// <summary>Parses run.json and checks the fields the report cannot do without.</summary>
    public static RunRecord ReadRecord(string path, string displayPath)
    {
        byte[] bytes = File.ReadAllBytes(path);
        RunRecord? record;
        try
        {
            record = JsonSerializer.Deserialize(bytes, ReportJsonContext.Default.RunRecord);
        }
        catch (JsonException error)
        {
            throw new UserInputException(DescribeJsonError(error, bytes, displayPath), error);
        }

        if (record is null)
            throw new UserInputException($"{displayPath}: expected a JSON object, got null");
        if (string.IsNullOrWhiteSpace(record.Policy))
            throw new UserInputException($"{displayPath}: field policy: missing");
        if (record.Noise is not { } noise)
            throw new UserInputException($"{displayPath}: field noise: missing");
        if (!double.IsFinite(noise) || noise < 0)
            throw new UserInputException($"{displayPath}: field noise: expected a finite σ ≥ 0, got {noise}");
        if (record.Seed is null)
            throw new UserInputException($"{displayPath}: field seed: missing");
        return record;
    }

    /// <summary>
    /// One line from the serializer's complaint: file, 1-based line, the field's JSON path, what the field should hold
    /// and the text found there.
    /// </summary>
    private static string DescribeJsonError(JsonException error, byte[] bytes, string displayPath)
    {
        string where = error.LineNumber is { } line ? $"{displayPath} line {line + 1}" : displayPath;
        string field = error.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "";
        Match target = ConvertedTo().Match(error.Message);
        if (field.Length == 0 || !target.Success)
        {
            // Not a type mismatch: broken syntax. The first sentence of the parser's message says what it saw.
            string first = error.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.', ' ');
            return field.Length == 0 ? $"{where}: {first}" : $"{where}: field {field}: {first}";
        }

        string expected = target.Groups[1].Value switch
        {
            var t when t.Contains("Int32", StringComparison.Ordinal) || t.Contains("Int64", StringComparison.Ordinal)
                || t.Contains("UInt64", StringComparison.Ordinal) => "an integer",
            var t when t.Contains("Double", StringComparison.Ordinal) => "a number",
            var t when t.Contains("Boolean", StringComparison.Ordinal) => "true or false",
            var t when t.Contains("String", StringComparison.Ordinal) && !t.Contains("Dictionary", StringComparison.Ordinal) => "a string",
            var t when t.Contains("Dictionary", StringComparison.Ordinal) => "an object of counts",
            var t when t.EndsWith("[]", StringComparison.Ordinal) => "an array",
            _ => "an object",
        };
        string got = error.LineNumber is { } l && error.BytePositionInLine is { } b ? TokenBefore(bytes, l, b) : "";
        return got.Length > 0 ? $"{where}: field {field}: expected {expected}, got {got}" : $"{where}: field {field}: expected {expected}";
    }

    /// <summary>The JSON value that ends at the parser's position (it reports the position just after the token).</summary>
    private static string TokenBefore(byte[] bytes, long lineNumber, long bytePosition)
    {
        int offset = 0;
        for (long line = 0; line < lineNumber && offset < bytes.Length; offset++)
        {
            if (bytes[offset] == (byte)'\n')
                line++;
        }

        int end = (int)Math.Min(bytes.Length, offset + bytePosition);
        int start = end;
        // Walk back over the value: to the ':' or '[' or ',' that precedes it.
        while (start > offset && bytes[start - 1] is not ((byte)':' or (byte)'[' or (byte)','))
            start--;
        string text = System.Text.Encoding.UTF8.GetString(bytes, start, end - start).Trim();
        return text.Length > 40 ? text[..40] + "…" : text;
    }

    [GeneratedRegex(@"converted to (\S+?)\.? Path", RegexOptions.CultureInvariant)]
    private static partial Regex ConvertedTo();

    private static MetricsTable ReadMetrics(string path, string displayPath)
    {
        using CsvReader csv = CsvReader.Open(path, displayPath);
        int step = csv.Column("step");
        int training = csv.Column("training_loss");
        int validation = csv.Column("validation_loss");
        int activation = csv.Column("activation_entropy");
        int target = csv.Column("target_entropy");
        int sparsity = csv.Column("sparsity");
        int sigma = csv.Column("input_sigma");
        var steps = new List<long>();
        List<double> trainingLoss = [], validationLoss = [], activationEntropy = [], targetEntropy = [], sparsities = [], sigmas = [];
        long previous = 0;
        while (csv.ReadRow())
        {
            long value = csv.Integer(step, minimum: 1);
            if (value <= previous)
                throw new UserInputException($"{displayPath} line {csv.LineNumber}: field step: expected steps in increasing order, got {value} after {previous}");
            previous = value;
            steps.Add(value);
            trainingLoss.Add(csv.Number(training));
            validationLoss.Add(csv.Number(validation));
            activationEntropy.Add(csv.Number(activation));
            targetEntropy.Add(csv.Number(target));
            sparsities.Add(csv.Number(sparsity));
            sigmas.Add(csv.Number(sigma));
        }

        return new MetricsTable
        {
            Steps = [.. steps], TrainingLoss = [.. trainingLoss], ValidationLoss = [.. validationLoss],
            ActivationEntropy = [.. activationEntropy], TargetEntropy = [.. targetEntropy], Sparsity = [.. sparsities],
            InputSigma = [.. sigmas],
        };
    }

    private static List<RunEvent> ReadEvents(string path, string displayPath)
    {
        using CsvReader csv = CsvReader.Open(path, displayPath);
        int step = csv.Column("step");
        int rule = csv.Column("rule");
        int action = csv.Column("action");
        int entropy = csv.Column("entropy");
        int before = csv.Column("sparsity_before");
        int after = csv.Column("sparsity_after");
        int sigma = csv.Column("input_sigma");
        int changed = csv.Column("changed");
        var events = new List<RunEvent>();
        while (csv.ReadRow())
        {
            string actionText = csv.Text(action);
            if (actionText.Length == 0)
                throw new UserInputException($"{displayPath} line {csv.LineNumber}: field action: expected collapse, surge or pump, got ''");
            events.Add(new RunEvent(csv.Integer(step, minimum: 1), csv.Text(rule), actionText, csv.Number(entropy),
                csv.Number(before), csv.Number(after), csv.Number(sigma), csv.Number(changed)));
        }

        return events;
    }
}
