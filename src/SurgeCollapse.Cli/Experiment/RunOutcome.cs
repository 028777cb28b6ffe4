using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Ledger;
using SurgeCollapse.Simd.Training;

namespace SurgeCollapse.Cli.Experiment;

/// <summary>How a run ended.</summary>
internal enum RunStatus
{
    /// <summary>Every step ran.</summary>
    Completed,
    /// <summary>The loss became NaN or infinite; the metrics stop at the last good step.</summary>
    Diverged,
    /// <summary>Stopped by the user (Ctrl-C) before the end: saved to resume, not reported.</summary>
    Cancelled,
}

/// <summary>What one run produced: its record (metrics, events, ledger) and how it ended.</summary>
internal sealed record RunOutcome(ArmSpec Arm, TrainingData Data, RunRecorder Record, int StepsPerEpoch, RunStatus Status, string? Message)
{
    public RunMetrics Metrics => Record.Metrics;

    public IReadOnlyList<DynamicsEvent> Events => Record.Events;

    public IReadOnlyList<(int Step, InformationLedgerRow Row)> Ledger => Record.Ledger;

    /// <summary>Steps trained per second in this process (evaluation included).</summary>
    public double StepsPerSecond => Record.StepsPerSecond;

    /// <summary>The last training loss recorded (NaN when no step was).</summary>
    public double FinalTrainingLoss => Metrics.Count > 0 ? Metrics.TrainingLoss[Metrics.Count - 1] : double.NaN;

    /// <summary>The last validation loss evaluated, and its 1-based step (NaN, 0 when none was).</summary>
    public (double Loss, int Step) FinalValidation
    {
        get
        {
            for (int row = Metrics.Count - 1; row >= 0; row--)
            {
                if (!double.IsNaN(Metrics.ValidationLoss[row]))
                    return (Metrics.ValidationLoss[row], row + 1);
            }

            return (double.NaN, 0);
        }
    }

    /// <summary>The lowest validation loss evaluated, and its 1-based step (NaN, 0 when none was).</summary>
    public (double Loss, int Step) BestValidation
    {
        get
        {
            (double best, int step) = (double.NaN, 0);
            for (int row = 0; row < Metrics.Count; row++)
            {
                double loss = Metrics.ValidationLoss[row];
                if (!double.IsNaN(loss) && !(loss >= best))
                    (best, step) = (loss, row + 1);
            }

            return (best, step);
        }
    }

    /// <summary>How many events of <paramref name="action"/> the run recorded.</summary>
    public int CountOf(DynamicsAction action) => Events.Count(e => e.Action == action);
}
