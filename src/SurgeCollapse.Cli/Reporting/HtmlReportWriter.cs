using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using SurgeCollapse.Simd.Statistics;

namespace SurgeCollapse.Cli.Reporting;

/// <summary>
/// Writes report.html: one self-contained file (inline CSS, inline SVG, no script, no font or style from the network),
/// so it opens offline and can be mailed or archived as is.
/// </summary>
internal static partial class HtmlReportWriter
{
    private const string Style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; margin: 2rem auto; max-width: 2000px; padding: 0 1rem; color: #1a1a1a; line-height: 1.45; }
        h1 { font-size: 1.6rem; margin-bottom: .2rem; }
        h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
        h3 { font-size: 1.05rem; margin-top: 1.6rem; }
        .meta, .explain, figcaption { color: #555; font-size: .92rem; }
        table { border-collapse: collapse; font-size: .9rem; margin: .6rem 0; }
        th, td { border: 1px solid #ccc; padding: .25rem .55rem; text-align: right; white-space: nowrap; }
        th { background: #f3f3f3; }
        td.text, th.text { text-align: left; }
        tr.group-start td { border-top: 2px solid #888; }
        td.no-evidence { color: #666; }
        td.lower { color: #0b6b2b; font-weight: 600; }
        td.higher { color: #a11a1a; font-weight: 600; }
        td.not-enough { color: #999; font-style: italic; }
        .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 520px), 1fr)); gap: 1rem; }
        figure { margin: 0; border: 1px solid #e3e3e3; padding: .4rem; background: #fff; }
        figure svg { width: 100%; max-width: 640px; height: auto; display: block; margin: 0 auto; }
        ul.notes li { margin: .15rem 0; }
        code { background: #f5f5f5; padding: 0 .2rem; }
        """;

    public static string Write(SweepAnalysis analysis, IReadOnlyList<Chart> charts)
    {
        var html = new StringBuilder(1 << 20);
        string title = analysis.Input.Runs.Count == 1 ? "Surge-Collapse run report" : "Surge-Collapse sweep report";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append(CultureInfo.InvariantCulture, $"<title>{title}</title>\n<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{title}</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">{Count(analysis.Input.Runs.Count, "run")} in {Count(analysis.Arms.Count, "arm")} (policy × input noise σ) from ")
            .Append(string.Join(", ", analysis.Input.Sources.Select(source => $"<code>{Encode(source)}</code>")))
            .Append(". Statistics are over the runs that completed; the comparison pairs runs by seed.</p>\n");
        WriteSettings(html, analysis);
        WriteNotes(html, analysis);
        WriteSummary(html, analysis);
        WriteComparisons(html, analysis);
        WriteLedger(html, analysis);
        WriteCharts(html, charts);
        html.Append("<p class=\"meta\">Written by <code>surge</code>. Everything this page shows is inside this one file.</p>\n");
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Why the ledger is absent: it is defined for token data only (SPEC §9).</summary>
    public static string LedgerUndefinedNote(SweepAnalysis analysis)
    {
        string data = string.Join(", ", analysis.Settings.FirstOrDefault(pair => pair.Key == "data").Value ?? []);
        string loss = string.Join(", ", analysis.Settings.FirstOrDefault(pair => pair.Key == "loss").Value ?? []);
        string what = data.Length > 0 ? $" (data {data}{(loss.Length > 0 ? $", loss {loss}" : "")})" : "";
        return $"The information ledger (IC-1 ηN = D(H − L), IC-2 E₀ = ηN·k_B·T·ln 2) is defined for next-token training on token data only; these runs{what} carry none, so no number is shown.";
    }

    private static void WriteSettings(StringBuilder html, SweepAnalysis analysis)
    {
        html.Append("<h2 id=\"settings\">Settings</h2>\n<table>\n");
        foreach ((string name, IReadOnlyList<string> values) in analysis.Settings)
            html.Append("<tr><th class=\"text\">").Append(Encode(name.Replace('_', ' '))).Append("</th><td class=\"text\">")
                .Append(Encode(string.Join(" | ", values))).Append("</td></tr>\n");
        html.Append("<tr><th class=\"text\">loss floor</th><td class=\"text\">")
            .Append(analysis.LossFloors.Count == 0 ? "not known for these runs" : Encode(string.Join(" | ", analysis.LossFloors.Select(floor => ReportFormat.Number(floor, "G6")))))
            .Append("</td></tr>\n</table>\n");
    }

    private static void WriteNotes(StringBuilder html, SweepAnalysis analysis)
    {
        if (analysis.Notes.Count == 0)
            return;
        html.Append("<h2 id=\"notes\">Notes</h2>\n<ul class=\"notes\">\n");
        foreach (string note in analysis.Notes)
            html.Append("<li>").Append(Encode(note)).Append("</li>\n");
        html.Append("</ul>\n");
    }

    private static void WriteSummary(StringBuilder html, SweepAnalysis analysis)
    {
        html.Append("<h2 id=\"summary\">Summary over seeds</h2>\n")
            .Append("<p class=\"explain\">Mean ± sample standard deviation over the completed runs of each arm (n = completed / runs). ")
            .Append("Events are counts per run.</p>\n<table>\n<thead><tr><th>σ</th><th class=\"text\">policy</th><th>n</th><th>diverged</th>")
            .Append("<th>final validation loss</th><th>best validation loss</th><th>final sparsity</th>");
        foreach (string kind in analysis.EventKinds)
            html.Append("<th>").Append(Encode(kind)).Append("</th>");
        html.Append("<th>steps/s</th></tr></thead>\n<tbody>\n");
        double previousNoise = double.NaN;
        foreach (ArmSummary arm in analysis.Arms)
        {
            bool groupStart = arm.Key.Noise != previousNoise && !double.IsNaN(previousNoise);
            previousNoise = arm.Key.Noise;
            html.Append(groupStart ? "<tr class=\"group-start\">" : "<tr>")
                .Append("<td>").Append(ReportFormat.Invariant(arm.Key.Noise)).Append("</td>")
                .Append("<td class=\"text\">").Append(Encode(arm.Key.Policy)).Append("</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{arm.CompletedRuns.Count} / {arm.Runs.Count}</td><td>{arm.DivergedCount}</td>")
                .Append("<td>").Append(ReportFormat.MeanSd(arm.FinalValidationLoss)).Append("</td>")
                .Append("<td>").Append(ReportFormat.MeanSd(arm.BestValidationLoss)).Append("</td>")
                .Append("<td>").Append(ReportFormat.MeanSd(arm.FinalSparsity, "G3")).Append("</td>");
            foreach (string kind in analysis.EventKinds)
                html.Append("<td>").Append(ReportFormat.MeanSd(arm.Events[kind], "G3")).Append("</td>");
            html.Append("<td>").Append(ReportFormat.MeanSd(arm.StepsPerSecond, "F0")).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void WriteComparisons(StringBuilder html, SweepAnalysis analysis)
    {
        html.Append("<h2 id=\"comparison\">Paired comparison against baseline</h2>\n")
            .Append("<p class=\"explain\">Difference = policy − baseline, run by run over the seeds both completed (negative: lower loss than baseline). ")
            .Append(CultureInfo.InvariantCulture, $"{PairedComparison.DefaultConfidenceLevel * 100:G3} % confidence interval = mean difference ± t<sub>0.975, n−1</sub>·sd/√n. ")
            .Append("Where the interval contains zero the data give <strong>no evidence</strong> of a difference, and no benefit is claimed; ")
            .Append("with fewer than two pairs no interval exists.</p>\n");
        if (analysis.Comparisons.Count == 0)
        {
            html.Append("<p>No comparison: the sweep has no baseline arm at the σ of another policy.</p>\n");
            return;
        }

        html.Append("<table>\n<thead><tr><th>σ</th><th class=\"text\">policy</th><th class=\"text\">metric</th><th>n</th>")
            .Append("<th>baseline mean</th><th>mean difference</th><th>relative</th><th>95 % CI</th><th class=\"text\">verdict</th></tr></thead>\n<tbody>\n");
        double previousNoise = double.NaN;
        foreach (ComparisonRow row in analysis.Comparisons)
        {
            bool groupStart = row.Noise != previousNoise && !double.IsNaN(previousNoise);
            previousNoise = row.Noise;
            PairedComparison result = row.Result;
            string verdictClass = result.Verdict switch
            {
                ComparisonVerdict.TreatmentLower => "lower",
                ComparisonVerdict.TreatmentHigher => "higher",
                ComparisonVerdict.NoEvidence => "no-evidence",
                _ => "not-enough",
            };
            double relative = result.MeanDifference / row.BaselineMean;
            html.Append(groupStart ? "<tr class=\"group-start\">" : "<tr>")
                .Append("<td>").Append(ReportFormat.Invariant(row.Noise)).Append("</td>")
                .Append("<td class=\"text\">").Append(Encode(row.Policy)).Append("</td>")
                .Append("<td class=\"text\">").Append(Encode(row.Metric.Replace('_', ' '))).Append("</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{result.Count}</td>")
                .Append("<td>").Append(ReportFormat.Number(row.BaselineMean)).Append("</td>")
                .Append("<td>").Append(ReportFormat.Signed(result.MeanDifference)).Append("</td>")
                .Append("<td>").Append(double.IsFinite(relative) ? ReportFormat.Signed(relative * 100) + " %" : ReportFormat.None).Append("</td>")
                .Append("<td>").Append(ReportFormat.Interval(result)).Append("</td>")
                .Append("<td class=\"text ").Append(verdictClass).Append("\">").Append(Encode(ReportFormat.Verdict(result))).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void WriteLedger(StringBuilder html, SweepAnalysis analysis)
    {
        html.Append("<h2 id=\"ledger\">Information ledger</h2>\n");
        if (analysis.LedgerRuns.Count == 0)
        {
            html.Append("<p>").Append(Encode(LedgerUndefinedNote(analysis))).Append("</p>\n");
            return;
        }

        html.Append("<p class=\"explain\">The last evaluation of each run, in bits (SPEC §9): N = active parameters × 32, D = tokens predicted, ")
            .Append("H = entropy of the data per token, L = training cross-entropy, I = D·(H − L), η = I / N, E₀ = I·k<sub>B</sub>T·ln 2. ")
            .Append("Every evaluation of each run follows the table.</p>\n");
        AppendLedgerTable(html, analysis.LedgerRuns.Select(run => (run.Name, run.Record.Ledger![^1])));
        foreach (RunData run in analysis.LedgerRuns)
        {
            html.Append("<details><summary>").Append(Encode(run.Name)).Append(": every evaluation</summary>\n");
            AppendLedgerTable(html, run.Record.Ledger!.Select(row => (run.Name, row)));
            html.Append("</details>\n");
        }
    }

    private static void AppendLedgerTable(StringBuilder html, IEnumerable<(string Run, LedgerRow Row)> rows)
    {
        html.Append("<table>\n<thead><tr><th class=\"text\">run</th><th>step</th><th>N (bits)</th><th>D (tokens)</th>")
            .Append("<th>H (bits)</th><th>L (bits)</th><th>I (bits)</th><th>η</th><th>E₀ (J)</th></tr></thead>\n<tbody>\n");
        foreach ((string name, LedgerRow row) in rows)
        {
            string h = ReportFormat.Number(row.HBits ?? double.NaN) + (row.HIsEstimate == true ? " (estimate)" : "");
            html.Append("<tr><td class=\"text\">").Append(Encode(name)).Append("</td>")
                .Append("<td>").Append(row.Step is { } step ? step.ToString(CultureInfo.InvariantCulture) : ReportFormat.None).Append("</td>")
                .Append("<td>").Append(ReportFormat.Number(row.NBits ?? double.NaN)).Append("</td>")
                .Append("<td>").Append(ReportFormat.Number(row.DTokens ?? double.NaN)).Append("</td>")
                .Append("<td>").Append(Encode(h)).Append("</td>")
                .Append("<td>").Append(ReportFormat.Number(row.LBits ?? double.NaN)).Append("</td>")
                .Append("<td>").Append(ReportFormat.Number(row.IBits ?? double.NaN)).Append("</td>")
                .Append("<td>").Append(ReportFormat.Number(row.Eta ?? double.NaN)).Append("</td>")
                .Append("<td>").Append(ReportFormat.Number(row.E0Joules ?? double.NaN)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void WriteCharts(StringBuilder html, IReadOnlyList<Chart> charts)
    {
        html.Append("<h2 id=\"charts\">Charts over steps</h2>\n")
            .Append("<p class=\"explain\">One chart per quantity and σ; a line per policy (the mean over its completed seeds); ")
            .Append("markers on a line are the events of that policy's first seed (▼ collapse, ▲ surge, ◆ pump). ")
            .Append("Entropies are normalised (H / ln B, in [0, 1]). The same charts are in charts/ as SVG files.</p>\n");
        if (charts.Count == 0)
            html.Append("<p>No charts were drawn (see the notes above).</p>\n");
        int index = 0;
        foreach (IGrouping<ChartMetric, Chart> group in charts.GroupBy(chart => chart.Metric))
        {
            string heading = ChartRenderer.Metrics.First(entry => entry.Metric == group.Key).Title;
            html.Append("<h3>").Append(Encode(heading)).Append("</h3>\n<div class=\"grid\">\n");
            foreach (Chart chart in group)
            {
                html.Append("<figure>\n").Append(InlineSvg(chart, index++)).Append('\n')
                    .Append("<figcaption>").Append(Encode(chart.Caption)).Append("</figcaption>\n</figure>\n");
            }

            html.Append("</div>\n");
        }
    }

    /// <summary>
    /// Prepares a chart's SVG for the page: no XML declaration, no namespace declarations (the HTML parser puts
    /// <c>&lt;svg&gt;</c> in its namespace by itself), a viewBox so it scales, ids made unique per chart (several SVGs
    /// share one document and Skia numbers its clip paths afresh in each), and a generic fallback after each font.
    /// </summary>
    private static string InlineSvg(Chart chart, int index)
    {
        string svg = XmlDeclaration().Replace(chart.Svg, "");
        svg = NamespaceDeclaration().Replace(svg, "");
        string prefix = string.Create(CultureInfo.InvariantCulture, $"chart{index}-");
        svg = IdAttribute().Replace(svg, match => $"id=\"{prefix}{match.Groups[1].Value}\"");
        svg = UrlReference().Replace(svg, match => $"url(#{prefix}{match.Groups[1].Value})");
        svg = HrefReference().Replace(svg, match => $"{match.Groups[1].Value}=\"#{prefix}{match.Groups[2].Value}\"");
        string open = string.Create(CultureInfo.InvariantCulture,
            $"<svg viewBox=\"0 0 {ChartRenderer.Width} {ChartRenderer.Height}\" role=\"img\" aria-label=\"{Encode(chart.Title)}\"");
        return svg.Trim().StartsWith("<svg", StringComparison.Ordinal) ? open + svg.Trim()[4..] : svg;
    }

    /// <summary>"1 run", "36 runs".</summary>
    private static string Count(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? "" : "s")}");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    [GeneratedRegex(@"<\?xml[^>]*\?>\s*")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"\s+xmlns(:\w+)?=""[^""]*""")]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"\bid=""([^""]+)""")]
    private static partial Regex IdAttribute();

    [GeneratedRegex(@"url\(#([^)]+)\)")]
    private static partial Regex UrlReference();

    [GeneratedRegex(@"((?:xlink:)?href)=""#([^""]+)""")]
    private static partial Regex HrefReference();

}
