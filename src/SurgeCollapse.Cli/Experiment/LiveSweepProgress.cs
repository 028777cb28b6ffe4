using System.Globalization;
using Spectre.Console;

namespace SurgeCollapse.Cli.Experiment;

/// <summary>
/// Live progress on a terminal: one bar for the whole sweep with its time remaining, and a bar for each run in flight
/// with its current loss and entropy. A run's bar appears when it starts and goes when it ends, so the display stays as
/// tall as the runs in parallel, not as the sweep. The sweep bar counts each run's share of the steps left to train in
/// this process, so a run resumed near its end neither jumps the bar nor shortens the time remaining.
/// </summary>
internal sealed class LiveSweepProgress(IReadOnlyList<ArmSpec> arms) : SweepProgress
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ArmSpec, ProgressTask> _tasks = [];
    private readonly Dictionary<ArmSpec, double> _fractions = [];
    private ProgressContext? _context;
    private ProgressTask? _sweep;
    private int _finished;

    public override void Run(Action sweep) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                _context = context;
                _sweep = context.AddTask(SweepDescription(), maxValue: Math.Max(1, arms.Count));
                sweep();
            });

    public override Action<ArmProgress> ReporterFor(ArmSpec arm) => progress =>
    {
        lock (_lock)
        {
            if (!_tasks.TryGetValue(arm, out ProgressTask? task))
                _tasks[arm] = task = _context!.AddTask(Markup.Escape(arm.Name));
            task.MaxValue = progress.TotalSteps;
            task.Value = progress.Step;
            // Short enough for an 80-column terminal beside the bar: Spectre shows only "…" for a description that does not fit.
            task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{arm.Name,-26} {progress.Loss:F5} h {progress.ActivationEntropy:F2}"));
            _fractions[arm] = (double)(progress.Step - progress.ResumedSteps) / Math.Max(1, progress.TotalSteps - progress.ResumedSteps);
            _sweep!.Value = _fractions.Values.Sum();
        }
    };

    public override void Finished(RunOutcome outcome)
    {
        lock (_lock)
        {
            if (_tasks.TryGetValue(outcome.Arm, out ProgressTask? task))
                task.StopTask();
            if (outcome.Status == RunStatus.Cancelled)
                return;
            _finished++;
            _fractions[outcome.Arm] = 1;
            _sweep!.Value = _fractions.Values.Sum();
            _sweep.Description = SweepDescription();
            if (outcome.Message is { } message)
                AnsiConsole.MarkupLine(Markup.Escape($"{outcome.Arm.Name}: {(outcome.Status == RunStatus.Diverged ? "diverged: " : "")}{message}"));
        }
    }

    private string SweepDescription() => string.Create(CultureInfo.InvariantCulture, $"sweep: {_finished} of {arms.Count} runs done");
}
