using System.CommandLine;
using SurgeCollapse.Cli.Reporting;
using SurgeCollapse.Simd;

namespace SurgeCollapse.Cli.Commands;

/// <summary>
/// <c>surge report DIR... [--output DIR]</c>: (re)builds a sweep's report — summary.json, charts/*.svg and a
/// self-contained report.html — from sweep or run directories; several directories (the shards of one sweep) merge
/// into one report.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var directories = new Argument<string[]>("directories")
        {
            Description = "Sweep directories (holding runs/) or run directories (holding run.json); shards of one sweep merge",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Where to write report.html, summary.json and charts/ (default: the one directory given)",
        };
        var command = new Command("report", "Build the sweep report (summary table, paired comparison against baseline, charts) from sweep or run directories")
        {
            directories, output,
        };
        command.SetAction(result => Run(result.GetValue(directories) ?? [], result.GetValue(output)));
        return command;
    }

    private static int Run(string[] directories, string? output)
    {
        if (output is null)
        {
            if (directories.Length != 1)
                throw new UserInputException($"--output: required when merging {directories.Length} directories (say where the merged report goes)");
            output = directories[0];
        }

        ReportResult result = ReportWriter.Write(output, directories);
        foreach (string note in result.Notes)
            Console.WriteLine($"note: {note}");
        Console.WriteLine($"{result.RunCount} runs in {result.ArmCount} arms");
        Console.WriteLine($"report: {result.ReportPath}");
        Console.WriteLine($"summary: {result.SummaryPath}");
        Console.WriteLine($"charts: {result.ChartPaths.Count} in {Path.Combine(output, ReportWriter.ChartsFolder)}");
        return 0;
    }
}
