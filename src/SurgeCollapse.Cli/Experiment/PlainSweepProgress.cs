using System.Globalization;

namespace SurgeCollapse.Cli.Experiment;

/// <summary>Line-oriented progress for logs: one line per finished run, numbered, with the time so far.</summary>
internal sealed class PlainSweepProgress(TextWriter output, int total) : SweepProgress
{
    private readonly Lock _lock = new();
    private readonly System.Diagnostics.Stopwatch _clock = new();
    private int _finished;

    public override void Run(Action sweep)
    {
        _clock.Start();
        sweep();
    }

    public override Action<ArmProgress> ReporterFor(ArmSpec arm) => static _ => { };

    public override void Finished(RunOutcome outcome)
    {
        lock (_lock)
        {
            // A stopped run is not finished: it is listed, not counted.
            string count = outcome.Status == RunStatus.Cancelled ? "stopped" : string.Create(CultureInfo.InvariantCulture, $"{++_finished}/{total}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{count} {_clock.Elapsed:mm\\:ss}] {Describe(outcome)}"));
            output.Flush();
        }
    }
}
