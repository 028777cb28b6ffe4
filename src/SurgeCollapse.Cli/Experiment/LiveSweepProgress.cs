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
            task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{arm.Name,-28} loss {progress.Loss,8:F5}  h {progress.ActivationEntropy:F3}"));
        };
    }

    public override void Finished(RunOutcome outcome)
    {
        ProgressTask task = _tasks[outcome.Arm];
        task.Description = Markup.Escape(Describe(outcome));
        task.StopTask();
    }
}
