namespace SurgeCollapse.Simd.PerfGate.Results;

/// <summary>Finds BenchmarkDotNet's full JSON reports: a file as given, or every <c>*-report-full.json</c> under a directory.</summary>
internal static class ReportFiles
{
    /// <summary>The suffix <c>JsonExporter.Full</c> gives its files.</summary>
    public const string Pattern = "*-report-full.json";

    /// <summary>The report files at <paramref name="fileOrDirectory"/>, sorted by path.</summary>
    public static IReadOnlyList<string> Find(string fileOrDirectory)
    {
        ArgumentNullException.ThrowIfNull(fileOrDirectory);
        if (File.Exists(fileOrDirectory))
            return [Path.GetFullPath(fileOrDirectory)];
        if (!Directory.Exists(fileOrDirectory))
            throw new GateInputException($"'{fileOrDirectory}' is neither a file nor a directory.");
        string[] files = Directory.GetFiles(fileOrDirectory, Pattern, SearchOption.AllDirectories);
        if (files.Length == 0)
            throw new GateInputException($"no {Pattern} under '{fileOrDirectory}' (run the benchmarks with the full JSON exporter).");
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }
}
