using System.Text.Json;
using SurgeCollapse.Simd.PerfGate.Machine;

namespace SurgeCollapse.Simd.PerfGate.Results;

/// <summary>Reads BenchmarkDotNet's <c>*-report-full.json</c> (0.15: <c>HostEnvironmentInfo</c> and <c>Benchmarks[]</c>).</summary>
internal static class BenchmarkReportReader
{
    /// <summary>Reads every report at <paramref name="fileOrDirectory"/> into one run; all must share one fingerprint
    /// and name each benchmark once.</summary>
    public static BenchmarkRun Read(string fileOrDirectory)
    {
        IReadOnlyList<string> files = ReportFiles.Find(fileOrDirectory);
        MachineFingerprint? fingerprint = null;
        string runtime = "";
        string fingerprintFile = "";
        var benchmarks = new Dictionary<string, BenchmarkMeasurements>(StringComparer.Ordinal);
        var origin = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in files)
        {
            (MachineFingerprint fileFingerprint, string fileRuntime, List<BenchmarkMeasurements> cases) = ReadFile(file);
            if (fingerprint is null)
            {
                (fingerprint, runtime, fingerprintFile) = (fileFingerprint, fileRuntime, file);
            }
            else if (!fingerprint.Equals(fileFingerprint))
            {
                throw new GateInputException(
                    $"'{file}' and '{fingerprintFile}' come from different machines ({string.Join("; ", fingerprint.DifferencesFrom(fileFingerprint))}); pass one machine's results.");
            }

            foreach (BenchmarkMeasurements measurements in cases)
            {
                if (origin.TryGetValue(measurements.FullName, out string? earlier))
                    throw new GateInputException($"'{measurements.FullName}' is in both '{earlier}' and '{file}'; pass the results of one run (e.g. a fresh --artifacts directory).");
                origin[measurements.FullName] = file;
                benchmarks[measurements.FullName] = measurements;
            }
        }

        return new BenchmarkRun(fingerprint!, runtime, benchmarks, files);
    }

    /// <summary>Parses one report's text; <paramref name="source"/> names it in error messages.</summary>
    public static (MachineFingerprint Fingerprint, string Runtime, List<BenchmarkMeasurements> Cases) Parse(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            JsonElement host = Required(root, "HostEnvironmentInfo", source);
            JsonElement benchmarks = Required(root, "Benchmarks", source);
            var cases = new List<BenchmarkMeasurements>();
            string intrinsics = "";
            foreach (JsonElement benchmark in benchmarks.EnumerateArray())
            {
                cases.Add(ReadBenchmark(benchmark, source));
                if (intrinsics.Length == 0 && benchmark.TryGetProperty("HardwareIntrinsics", out JsonElement hw) && hw.ValueKind == JsonValueKind.String)
                    intrinsics = hw.GetString() ?? "";
            }

            var fingerprint = new MachineFingerprint(
                MachineFingerprint.NormalizeCpuModel(StringOf(host, "ProcessorName")),
                InstructionSets.ParseBenchmarkDotNet(intrinsics),
                Required(host, "LogicalCoreCount", source).GetInt32(),
                MachineFingerprint.OsFamilyOf(StringOf(host, "OsVersion")),
                StringOf(host, "Architecture"));
            return (fingerprint, StringOf(host, "RuntimeVersion"), cases);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new GateInputException($"'{source}' is not a BenchmarkDotNet full JSON report: {e.Message}");
        }
    }

    private static (MachineFingerprint, string, List<BenchmarkMeasurements>) ReadFile(string file) => Parse(File.ReadAllText(file), file);

    private static BenchmarkMeasurements ReadBenchmark(JsonElement benchmark, string source)
    {
        string fullName = Required(benchmark, "FullName", source).GetString() ?? "";
        var samples = new List<double>();
        if (benchmark.TryGetProperty("Measurements", out JsonElement measurements) && measurements.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement m in measurements.EnumerateArray())
            {
                if (StringOf(m, "IterationMode") == "Workload" && StringOf(m, "IterationStage") == "Result")
                    samples.Add(m.GetProperty("Nanoseconds").GetDouble() / m.GetProperty("Operations").GetDouble());
            }
        }

        // A brief report has no measurements; its statistics still carry the same per-iteration values.
        if (samples.Count == 0 && benchmark.TryGetProperty("Statistics", out JsonElement statistics) && statistics.ValueKind == JsonValueKind.Object
            && statistics.TryGetProperty("OriginalValues", out JsonElement values))
        {
            foreach (JsonElement value in values.EnumerateArray())
                samples.Add(value.GetDouble());
        }

        long? allocated = null;
        if (benchmark.TryGetProperty("Memory", out JsonElement memory) && memory.ValueKind == JsonValueKind.Object
            && memory.TryGetProperty("BytesAllocatedPerOperation", out JsonElement bytes) && bytes.ValueKind == JsonValueKind.Number)
            allocated = bytes.GetInt64();
        return new BenchmarkMeasurements(fullName, samples, allocated);
    }

    private static JsonElement Required(JsonElement element, string name, string source) =>
        element.TryGetProperty(name, out JsonElement value) ? value : throw new GateInputException($"'{source}' has no '{name}'.");

    private static string StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
