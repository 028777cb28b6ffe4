using System.Diagnostics;
using Xunit;

namespace SurgeCollapse.Cli.Tests.Commands;

/// <summary>Ctrl-C on a real <c>surge</c> process (SIGINT, as a terminal sends it): the sweep stops cleanly, reports what finished, and the same command finishes it.</summary>
public sealed class InterruptTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("interrupt-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Ctrl_C_keeps_the_finished_runs_and_writes_their_report()
    {
        string sweep = Path.Combine(_directory, "sweep");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "surge.dll"), "experiment", "--epochs", "2", "--jobs", "1", "--output", sweep])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process surge = Process.Start(start)!;
        string? line;
        // Plain progress (output redirected): one "[k/36 …]" line per finished run. Interrupt after the first.
        while ((line = surge.StandardOutput.ReadLine()) is not null && !line.StartsWith("[1/", StringComparison.Ordinal))
        {
        }

        Assert.NotNull(line);
        using (Process kill = Process.Start("kill", ["-INT", surge.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
            kill.WaitForExit();
        string rest = surge.StandardOutput.ReadToEnd();
        Assert.True(surge.WaitForExit(60_000), "surge did not stop after Ctrl-C");

        Assert.Equal(130, surge.ExitCode);
        Assert.Contains("stopped by the user", rest, StringComparison.Ordinal);
        int finished = Directory.GetDirectories(Path.Combine(sweep, "runs")).Count(run => File.Exists(Path.Combine(run, "run.json")));
        Assert.InRange(finished, 1, 35);
        Assert.True(File.Exists(Path.Combine(sweep, "report.html")), rest);
        Assert.Empty(Directory.EnumerateFiles(sweep, "*.tmp", SearchOption.AllDirectories));

        // The same command again finishes the sweep: finished runs kept, the stopped one continued from its checkpoint.
        SurgeResult again = Surge.Run("experiment", "--epochs", "2", "--jobs", "1", "--output", sweep);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("finished runs kept", again.Output, StringComparison.Ordinal);
        Assert.Equal(36, Directory.GetDirectories(Path.Combine(sweep, "runs")).Count(run => File.Exists(Path.Combine(run, "run.json"))));
    }
}
