using System.Globalization;
using SurgeCollapse.Simd.PerfGate.Comparison;

namespace SurgeCollapse.Simd.PerfGate.Reporting;

/// <summary>The console table: one row per benchmark, then the verdict counts.</summary>
internal static class ComparisonTable
{
    private static readonly string[] Headers = ["Benchmark", "Baseline", "Current", "Change", "p", "Allocated/op", "Verdict"];

    /// <summary>Writes the table to <paramref name="writer"/>.</summary>
    public static void Write(GateReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        List<string[]> rows = [.. report.Comparisons.Select(Row)];
        int[] widths = [.. Headers.Select((h, column) => rows.Select(r => r[column].Length).Append(h.Length).Max())];

        writer.WriteLine($"Machine: {report.Fingerprint.Describe()}");
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Slower/faster needs p < {report.Thresholds.SignificanceLevel} (two-sided Mann–Whitney), |Δmedian| > {report.Thresholds.RelativeThreshold:0.#%} and > {report.Thresholds.NoiseFloorNs} ns; any allocation increase fails."));
        writer.WriteLine();
        WriteRow(writer, Headers, widths);
        WriteRow(writer, [.. widths.Select(w => new string('-', w))], widths);
        foreach (string[] row in rows)
            WriteRow(writer, row, widths);
        foreach (BenchmarkComparison c in report.Comparisons.Where(c => c.Note.Length > 0))
            writer.WriteLine($"  note: {Formatting.ShortName(c.FullName)}: {c.Note}");

        writer.WriteLine();
        writer.WriteLine(Totals(report));
    }

    /// <summary>The closing line: counts per verdict and PASS/FAIL.</summary>
    public static string Totals(GateReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        int allocating = report.Comparisons.Count(c => c.Allocation == AllocationVerdict.More);
        return string.Create(CultureInfo.InvariantCulture,
            $"{(report.HasRegression ? "FAIL" : "PASS")}: {report.Count(TimeVerdict.Slower)} slower, {allocating} allocating more, "
            + $"{report.Count(TimeVerdict.Faster)} faster, {report.Count(TimeVerdict.Same)} same, "
            + $"{report.Count(TimeVerdict.OnlyInBaseline)} missing, {report.Count(TimeVerdict.OnlyInCurrent)} new.");
    }

    private static string[] Row(BenchmarkComparison c) =>
    [
        Formatting.ShortName(c.FullName), Formatting.Time(c.BaselineMedianNs), Formatting.Time(c.CurrentMedianNs),
        Formatting.Change(c.RelativeChange), Formatting.PValue(c.PValue), Formatting.Allocation(c), Formatting.Verdict(c),
    ];

    private static void WriteRow(TextWriter writer, string[] cells, int[] widths)
    {
        // Text columns left, numbers right.
        var parts = cells.Select((cell, i) => i is 0 or 6 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]));
        writer.WriteLine(string.Join("  ", parts).TrimEnd());
    }
}
