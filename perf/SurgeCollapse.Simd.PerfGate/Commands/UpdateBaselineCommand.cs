using System.Text.Json;
using SurgeCollapse.Simd.PerfGate.Results;

namespace SurgeCollapse.Simd.PerfGate.Commands;

/// <summary><c>update-baseline --current DIR_OR_FILE [--baselines perf/baselines]</c>: the current reports become the
/// baseline of their machine, replacing the reports there.</summary>
internal static class UpdateBaselineCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Copies the reports into <c>&lt;baselines&gt;/&lt;slug&gt;/</c> and writes <c>fingerprint.json</c> beside them.</summary>
    public static int Run(GateArguments arguments, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        string currentPath = arguments.Required("--current");
        string root = arguments.Optional("--baselines") ?? Path.Combine("perf", "baselines");
        arguments.RejectUnknown();

        BenchmarkRun current = BenchmarkReportReader.Read(currentPath); // validates: one machine, each name once
        string target = Path.Combine(root, current.Fingerprint.Slug());
        string[] names = [.. current.Files.Select(Path.GetFileName).OfType<string>()];
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
            throw new GateInputException($"two reports under '{currentPath}' have the same file name; pass one run's results.");

        Directory.CreateDirectory(target);
        foreach (string stale in Directory.GetFiles(target, ReportFiles.Pattern))
            File.Delete(stale);
        foreach (string file in current.Files)
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));

        // For people browsing perf/baselines; the gate itself reads the reports.
        var description = new
        {
            slug = current.Fingerprint.Slug(),
            cpuModel = current.Fingerprint.CpuModel,
            instructionSets = current.Fingerprint.InstructionSets,
            logicalCores = current.Fingerprint.LogicalCores,
            os = current.Fingerprint.OsFamily,
            architecture = current.Fingerprint.Architecture,
            runtime = current.Runtime,
            benchmarks = current.Benchmarks.Keys.Order(StringComparer.Ordinal).ToArray(),
        };
        File.WriteAllText(Path.Combine(target, BaselineLocator.FingerprintFile), JsonSerializer.Serialize(description, Indented) + "\n");
        output.WriteLine($"baseline of {current.Benchmarks.Count} benchmarks from {current.Files.Count} report(s) written to {target}");
        output.WriteLine($"machine: {current.Fingerprint.Describe()}");
        return ExitCodes.Passed;
    }
}
