using System.Globalization;
using Spectre.Console;

namespace SurgeCollapse.Cli.Experiment;

/// <summary>Live progress on a terminal: a bar per run with its current loss and entropy, and the time remaining.</summary>
internal sealed class LiveSweepProgress(IReadOnlyList<ArmSpec> arms) : SweepProgress
{
    private readonly Dictionary<ArmSpec, ProgressTask> _tasks = [];

    public override void Run(Action sweep) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                foreach (ArmSpec arm in arms)
                    _tasks[arm] = context.AddTask(Markup.Escape(arm.Name), autoStart: false);
                sweep();
            });

    public override Action<ArmProgress> ReporterFor(ArmSpec arm)
    {
        ProgressTask task = _tasks[arm];
        return progress =>
        {
            if (!task.IsStarted)
                task.StartTask();
            task.MaxValue = progress.TotalSteps;
            task.Value = progress.Step;
            // Short enough for an 80-column terminal beside the bar: Spectre shows only "…" for a description that does not fit.
            task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{arm.Name,-26} {progress.Loss:F5} h {progress.ActivationEntropy:F2}"));
        };
    }

    public override void Finished(RunOutcome outcome)
    {
        ProgressTask task = _tasks[outcome.Arm];
        task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{outcome.Arm.Name,-26} {(outcome.Status == RunStatus.Completed ? "done" : "diverged")} val {outcome.FinalValidation.Loss:F5}"));
        task.StopTask();
    }
}
