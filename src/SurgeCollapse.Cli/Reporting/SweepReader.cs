using SurgeCollapse.Simd;

namespace SurgeCollapse.Cli.Reporting;

/// <summary>The runs found in the directories given to the report, and what was passed over.</summary>
/// <param name="Runs">The runs read, in a stable order (by σ, policy, seed).</param>
/// <param name="Notes">One line per run skipped or set aside, for the report and the console.</param>
/// <param name="Sources">The directories the runs came from, as given.</param>
internal sealed record SweepInput(IReadOnlyList<RunData> Runs, IReadOnlyList<string> Notes, IReadOnlyList<string> Sources);

/// <summary>
/// Finds run directories: a sweep directory contributes every folder under its <c>runs/</c>; a run directory (one
/// holding run.json or metrics.csv) contributes itself. Shards of one sweep are simply several sweep directories.
/// </summary>
internal static class SweepReader
{
    public const string RunsFolder = "runs";

    /// <summary>Reads every run under <paramref name="directories"/>; names are relative to <paramref name="outputDirectory"/> where they can be.</summary>
    public static SweepInput Read(IReadOnlyList<string> directories, string outputDirectory)
    {
        if (directories.Count == 0)
            throw new UserInputException("report: expected at least one sweep or run directory");
        var candidates = new List<(string Directory, string Display)>();
        foreach (string directory in directories)
        {
            if (!Directory.Exists(directory))
                throw new UserInputException($"{directory}: no such directory");
            if (IsRunDirectory(directory))
            {
                candidates.Add((directory, directory));
                continue;
            }

            string runs = Path.Combine(directory, RunsFolder);
            if (!Directory.Exists(runs))
                throw new UserInputException($"{directory}: neither a sweep directory (no {RunsFolder}/ folder) nor a run directory (no {RunDirectoryReader.RecordFile})");
            string[] found = Directory.GetDirectories(runs);
            Array.Sort(found, StringComparer.Ordinal);
            foreach (string run in found)
                candidates.Add((run, Path.Join(directory, RunsFolder, Path.GetFileName(run))));
        }

        var notes = new List<string>();
        var runsRead = new List<RunData>();
        var seen = new Dictionary<(string, double, ulong), string>();
        string outputRoot = Path.GetFullPath(outputDirectory);
        foreach ((string directory, string display) in candidates)
        {
            if (!File.Exists(Path.Combine(directory, RunDirectoryReader.RecordFile)))
            {
                notes.Add($"{display}: no {RunDirectoryReader.RecordFile} (the run never finished, e.g. it was interrupted); skipped");
                continue;
            }

            RunData run = RunDirectoryReader.Read(directory, display, NameFor(directory, outputRoot));
            if (seen.TryGetValue((run.Policy, run.Noise, run.Seed), out string? first))
            {
                notes.Add($"{display}: the same policy, σ and seed as {first}; kept {first}");
                continue;
            }

            seen.Add((run.Policy, run.Noise, run.Seed), display);
            runsRead.Add(run);
        }

        if (runsRead.Count == 0)
            throw new UserInputException($"{string.Join(", ", directories)}: no run with a {RunDirectoryReader.RecordFile} to report");
        runsRead.Sort((a, b) =>
        {
            int byArm = a.Arm.CompareTo(b.Arm);
            return byArm != 0 ? byArm : a.Seed.CompareTo(b.Seed);
        });
        return new SweepInput(runsRead, notes, [.. directories]);
    }

    private static bool IsRunDirectory(string directory) =>
        File.Exists(Path.Combine(directory, RunDirectoryReader.RecordFile)) || File.Exists(Path.Combine(directory, RunDirectoryReader.MetricsFile));

    /// <summary><c>runs/x</c> when the run lies under the report's directory, else its folder name.</summary>
    private static string NameFor(string directory, string outputRoot)
    {
        string relative = Path.GetRelativePath(outputRoot, Path.GetFullPath(directory));
        bool inside = !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative) && relative != ".";
        return (inside ? relative : Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)))).Replace('\\', '/');
    }
}
