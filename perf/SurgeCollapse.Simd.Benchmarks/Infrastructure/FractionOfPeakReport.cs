using System.Globalization;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Simd.Benchmarks.Infrastructure;

/// <summary>
/// After the run: every benchmark that counts flops, with its GFLOPS and its fraction of the FMA peak of the same
/// width measured in the same run — across all summaries, which a BenchmarkDotNet column cannot see.
/// </summary>
internal static class FractionOfPeakReport
{
    public const string FileName = "fraction-of-peak.md";

    /// <summary>Writes the table to <paramref name="writer"/> and beside the other results; does nothing if no benchmark counted flops.</summary>
    public static void Write(IReadOnlyList<Summary> summaries, TextWriter writer)
    {
        List<BenchmarkReport> reports = [.. summaries.SelectMany(s => s.Reports).Where(r => Throughput.Gflops(r) is not null)];
        if (reports.Count == 0)
            return;

        List<string> lines = [.. Table(reports)];
        writer.WriteLine();
        foreach (string line in lines)
            writer.WriteLine(line);

        string directory = summaries[0].ResultsDirectoryPath;
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, FileName);
        File.WriteAllLines(path, [.. MachineInfo.Describe().Select(l => "    " + l), "", .. lines]);
        writer.WriteLine($"Written to {path}");
    }

    private static IEnumerable<string> Table(List<BenchmarkReport> reports)
    {
        bool anyPeak = reports.Any(r => r.BenchmarkCase.Descriptor.Type == typeof(Kernels.FmaPeakBenchmarks));
        yield return "## Throughput against the FMA peak of the same width, this run, one thread";
        yield return "";
        if (!anyPeak)
        {
            yield return "FmaPeakBenchmarks did not run in this invocation, so there is no peak to divide by: add '*FmaPeak*' to --filter.";
            yield return "";
        }

        yield return "| Benchmark | Mean | GFLOPS | Width | Peak GFLOPS | % of peak |";
        yield return "|---|---:|---:|---|---:|---:|";
        bool abovePeak = false;
        foreach (BenchmarkReport report in reports)
        {
            BenchmarkCase benchmarkCase = report.BenchmarkCase;
            double gflops = Throughput.Gflops(report)!.Value;
            SimdWidth width = Throughput.WidthOf(benchmarkCase);
            double? peak = width == SimdWidth.Scalar ? null : Throughput.PeakGflops(reports, width, benchmarkCase.Job.Id);
            abovePeak |= gflops > peak * 1.02;
            yield return string.Create(CultureInfo.InvariantCulture,
                $"| {Name(benchmarkCase)} | {FormatTime(report.ResultStatistics!.Mean)} | {gflops:F1} | {width} | " +
                $"{(peak is { } p ? p.ToString("F1", CultureInfo.InvariantCulture) : "-")} | " +
                $"{(peak is { } q ? (100 * gflops / q).ToString("F1", CultureInfo.InvariantCulture) + "%" : "-")} |");
        }

        if (abovePeak)
        {
            // Seen on the shared 2-core machine: the peak runs first, once, and other processes can slow it down.
            yield return "";
            yield return "Some benchmarks beat the measured peak: the FMA peak run was disturbed (another process on the core?). " +
                "Rerun on a quiet machine before quoting these fractions.";
        }
    }

    /// <summary><c>Type.Method(Param=value, …)</c>: the stable part of BenchmarkDotNet's name, without the job.</summary>
    private static string Name(BenchmarkCase benchmarkCase)
    {
        string name = $"{benchmarkCase.Descriptor.Type.Name}.{benchmarkCase.Descriptor.WorkloadMethod.Name}";
        if (benchmarkCase.HasParameters)
            name += "(" + string.Join(", ", benchmarkCase.Parameters.Items.Select(p => $"{p.Name}={p.Value}")) + ")";
        return name;
    }

    private static string FormatTime(double nanoseconds) => nanoseconds switch
    {
        >= 1e6 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1e6:F3} ms"),
        >= 1e3 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1e3:F2} us"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds:F1} ns"),
    };
}
