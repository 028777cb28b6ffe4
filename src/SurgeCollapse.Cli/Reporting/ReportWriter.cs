using SurgeCollapse.Cli.Experiment;

namespace SurgeCollapse.Cli.Reporting;

/// <summary>
/// Builds a sweep's report (SPEC §8) from run directories: summary.json, charts/*.svg and a self-contained
/// report.html, each written to a temporary file and renamed into place. Shards of one sweep merge by passing all
/// their directories.
/// </summary>
internal static class ReportWriter
{
    public const string ReportFile = "report.html";
    public const string SummaryFile = "summary.json";
    public const string ChartsFolder = "charts";

    /// <summary>
    /// Reads the runs under <paramref name="directories"/> — sweep directories (their <c>runs/*</c>) or run
    /// directories — and writes the report into <paramref name="outputDirectory"/>. Runs without run.json (interrupted)
    /// are skipped with a note; a malformed file stops the report with a <see cref="Simd.UserInputException"/> that
    /// names the file, the line and the field.
    /// </summary>
    /// <param name="outputDirectory">Where report.html, summary.json and charts/ go; created if missing.</param>
    /// <param name="directories">Sweep or run directories; for the end of a sweep, the sweep directory itself or the run directories it wrote.</param>
    public static ReportResult Write(string outputDirectory, IReadOnlyList<string> directories)
    {
        CheckSameSettings(directories);
        SweepInput input = SweepReader.Read(directories, outputDirectory);
        SweepAnalysis analysis = SweepAnalysis.Build(input);
        List<Chart> charts;
        try
        {
            charts = ChartRenderer.RenderAll(analysis);
        }
        catch (Exception error) when (MissingNativeLibrary(error) is { } missing)
        {
            // A native binary copied without libSkiaSharp.so beside it: the tables are still worth writing.
            charts = [];
            string library = missing.Message.Split('\'') is { Length: >= 3 } parts ? parts[1] : "a native library";
            analysis.AddNote($"charts not drawn: {library} could not be loaded; keep libSkiaSharp.so and libHarfBuzzSharp.so " +
                "next to the surge binary (dotnet publish puts them there)");
        }

        Directory.CreateDirectory(Path.Combine(outputDirectory, ChartsFolder));
        var chartPaths = new List<string>(charts.Count);
        foreach (Chart chart in charts)
        {
            string path = Path.Combine(outputDirectory, ChartsFolder, chart.FileName);
            AtomicFile.WriteText(path, writer => writer.Write(chart.Svg));
            chartPaths.Add(path);
        }

        // Each file goes to a temporary name and is renamed into place; report.html last, as the mark of a whole report.
        string summaryPath = Path.Combine(outputDirectory, SummaryFile);
        byte[] summary = SummaryJsonWriter.Write(analysis, charts);
        AtomicFile.Write(summaryPath, stream => stream.Write(summary));
        string reportPath = Path.Combine(outputDirectory, ReportFile);
        string html = HtmlReportWriter.Write(analysis, charts);
        AtomicFile.WriteText(reportPath, writer => writer.Write(html));
        return new ReportResult(reportPath, summaryPath, chartPaths, input.Runs.Count, analysis.Arms.Count, analysis.Notes);
    }

    /// <summary>The <see cref="DllNotFoundException"/> behind <paramref name="error"/> (type initializers wrap it), or null.</summary>
    private static DllNotFoundException? MissingNativeLibrary(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is DllNotFoundException missing)
                return missing;
        }

        return null;
    }

    /// <summary>The report of one sweep directory, written into it.</summary>
    /// <param name="sweepDirectory">A directory holding <c>runs/</c>.</param>
    public static ReportResult Write(string sweepDirectory) => Write(sweepDirectory, [sweepDirectory]);

    /// <summary>
    /// Refuses to merge sweeps whose <c>sweep.json</c> differ (other epochs, learning rate, data…): pairing their runs
    /// would compare unlike with unlike. A run directory is judged by the sweep directory it sits in (…/runs/x).
    /// </summary>
    private static void CheckSameSettings(IReadOnlyList<string> directories)
    {
        (string Path, string Text)? first = null;
        foreach (string directory in directories)
        {
            string full = Path.GetFullPath(directory);
            string? sweep = File.Exists(Path.Combine(full, SweepManifest.FileName)) ? full : Path.GetDirectoryName(Path.GetDirectoryName(full));
            string? manifest = sweep is null ? null : Path.Combine(sweep, SweepManifest.FileName);
            if (manifest is null || !File.Exists(manifest))
                continue;
            string text = File.ReadAllText(manifest);
            if (first is null)
                first = (manifest, text);
            else if (first.Value.Text != text)
                throw new Simd.UserInputException($"{manifest}: its sweep has other settings than {first.Value.Path}; runs of different settings are not compared in one report");
        }
    }
}
