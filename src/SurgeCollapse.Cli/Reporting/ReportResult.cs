namespace SurgeCollapse.Cli.Reporting;

/// <summary>What <see cref="ReportWriter.Write(string, IReadOnlyList{string})"/> wrote and what it passed over.</summary>
/// <param name="ReportPath">report.html.</param>
/// <param name="SummaryPath">summary.json.</param>
/// <param name="ChartPaths">The SVG charts under charts/.</param>
/// <param name="RunCount">Runs in the report.</param>
/// <param name="ArmCount">Arms (policy × σ) in the report.</param>
/// <param name="Notes">Runs skipped or left out of the statistics, and other caveats, one line each.</param>
internal sealed record ReportResult(string ReportPath, string SummaryPath, IReadOnlyList<string> ChartPaths, int RunCount, int ArmCount,
    IReadOnlyList<string> Notes);
