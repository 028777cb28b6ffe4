using SurgeCollapse.Simd.PerfGate.Comparison;
using SurgeCollapse.Simd.PerfGate.Reporting;
using SurgeCollapse.Simd.PerfGate.Results;

namespace SurgeCollapse.Simd.PerfGate.Commands;

/// <summary><c>compare --baseline DIR_OR_FILE --current DIR_OR_FILE [--threshold 5%] [--noise-floor-ns 50] [--alpha 0.05] [--markdown FILE]</c>.</summary>
internal static class CompareCommand
{
    /// <summary>Prints the table; returns <see cref="ExitCodes.Regression"/> on any regression.</summary>
    public static int Run(GateArguments arguments, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        string baselinePath = arguments.Required("--baseline");
        string currentPath = arguments.Required("--current");
        var thresholds = new GateThresholds(
            arguments.Fraction("--threshold", 0.05), arguments.Number("--noise-floor-ns", 50), arguments.Number("--alpha", 0.05));
        string? markdown = arguments.Optional("--markdown");
        arguments.RejectUnknown();
        thresholds.Validate();

        BenchmarkRun current = BenchmarkReportReader.Read(currentPath);
        BenchmarkRun baseline = BenchmarkReportReader.Read(BaselineLocator.Resolve(baselinePath, current.Fingerprint));
        GateReport report = RegressionGate.Compare(baseline, current, thresholds);
        if (baseline.Runtime != current.Runtime)
            output.WriteLine($"note: runtime changed: {baseline.Runtime} → {current.Runtime}");
        ComparisonTable.Write(report, output);
        if (markdown is not null)
        {
            using var writer = new StreamWriter(markdown, append: false);
            MarkdownSummary.Write(report, writer);
        }

        return report.HasRegression ? ExitCodes.Regression : ExitCodes.Passed;
    }
}
