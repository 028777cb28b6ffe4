using System.CommandLine;
using System.Text;
using SurgeCollapse.Cli.Benchmarking;
using SurgeCollapse.Cli.Experiment;
using SurgeCollapse.Simd;

namespace SurgeCollapse.Cli.Commands;

/// <summary>
/// <c>surge bench</c>: measures the engine on this machine — training steps per policy, prediction latency, GEMM and the
/// FMA peak they are divided by — and prints one JSON document on the output (issue 10). Progress goes to the error
/// output, so the output stays parseable.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "Short budgets (a few seconds in all), for tests and CI: every figure is there, none is worth quoting" };
        var output = new Option<string?>("--output") { Description = "Also write the JSON to this file (atomically: the old content or the whole new one)" };
        var command = new Command("bench", "Measure training, prediction and GEMM speed on this machine (one thread) and print them as JSON") { quick, output };
        command.SetAction(result => Run(result.InvocationConfiguration.Output, result.InvocationConfiguration.Error,
            result.GetValue(quick), result.GetValue(output)));
        return command;
    }

    private static int Run(TextWriter output, TextWriter error, bool quick, string? file)
    {
        if (file is not null)
            CheckOutputFile(file); // before a minute of measuring, not after

        BenchResults results = BenchRunner.Run(quick ? BenchBudget.Quick : BenchBudget.Full, quick, error);
        byte[] json = BenchReport.ToJson(results);
        if (file is not null)
            AtomicFile.Write(file, stream => stream.Write(json));
        output.Write(Encoding.UTF8.GetString(json));
        return 0;
    }

    private static void CheckOutputFile(string file)
    {
        if (string.IsNullOrWhiteSpace(file))
            throw new UserInputException("--output: expected a file name, got an empty string");
        if (Directory.Exists(file))
            throw new UserInputException($"--output: '{file}' is a directory; expected a file name");
        string? directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (directory is null || !Directory.Exists(directory))
            throw new UserInputException($"--output: the directory of '{file}' does not exist");
    }
}
