using System.Globalization;
using SurgeCollapse.Simd.PerfGate.Comparison;

namespace SurgeCollapse.Simd.PerfGate.Reporting;

/// <summary>The same comparison as a Markdown document, e.g. for <c>$GITHUB_STEP_SUMMARY</c> or a PR comment.</summary>
internal static class MarkdownSummary
{
    /// <summary>Writes the summary to <paramref name="writer"/>.</summary>
    public static void Write(GateReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("## Performance regression gate");
        writer.WriteLine();
        writer.WriteLine($"**{ComparisonTable.Totals(report)}**");
        writer.WriteLine();
        writer.WriteLine($"Machine: `{report.Fingerprint.Describe()}` (baseline `perf/baselines/{report.Fingerprint.Slug()}`)");
        writer.WriteLine();
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Slower/faster: two-sided Mann–Whitney p < {report.Thresholds.SignificanceLevel}, median change > {report.Thresholds.RelativeThreshold:0.#%} and > {report.Thresholds.NoiseFloorNs} ns. Any increase in allocated bytes fails."));
        writer.WriteLine();
        writer.WriteLine("| Benchmark | Baseline | Current | Change | p | Allocated/op | Verdict |");
        writer.WriteLine("|---|--:|--:|--:|--:|--:|---|");
        foreach (BenchmarkComparison c in report.Comparisons)
        {
            string verdict = c.IsRegression ? $"**{Formatting.Verdict(c)}**" : Formatting.Verdict(c);
            writer.WriteLine($"| `{Formatting.ShortName(c.FullName).Replace("|", "\\|", StringComparison.Ordinal)}` | {Formatting.Time(c.BaselineMedianNs)} | {Formatting.Time(c.CurrentMedianNs)} | "
                + $"{Formatting.Change(c.RelativeChange)} | {Formatting.PValue(c.PValue)} | {Formatting.Allocation(c)} | {verdict} |");
        }

        foreach (BenchmarkComparison c in report.Comparisons.Where(c => c.Note.Length > 0))
            writer.WriteLine($"\n- `{Formatting.ShortName(c.FullName)}`: {c.Note}");
    }
}
