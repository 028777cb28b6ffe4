using SurgeCollapse.Simd.Statistics;

namespace SurgeCollapse.Cli.Reporting;

/// <summary>
/// One arm's runs and their statistics over seeds (SPEC §8): mean ± sd of the final and best validation loss, final
/// sparsity, each kind of event and the training speed, over the runs that completed.
/// </summary>
internal sealed class ArmSummary
{
    public required ArmKey Key { get; init; }

    /// <summary>Every run of the arm, by seed.</summary>
    public required IReadOnlyList<RunData> Runs { get; init; }

    /// <summary>The runs that completed: the ones the statistics and the mean curves use.</summary>
    public required IReadOnlyList<RunData> CompletedRuns { get; init; }

    public int DivergedCount => Runs.Count(run => run.Record.Diverged == true);

    public required SampleSummary FinalValidationLoss { get; init; }
    public required SampleSummary BestValidationLoss { get; init; }
    public required SampleSummary FinalSparsity { get; init; }

    /// <summary>Events per run by kind (action), in <see cref="SweepAnalysis.EventKinds"/> order.</summary>
    public required IReadOnlyDictionary<string, SampleSummary> Events { get; init; }

    public required SampleSummary StepsPerSecond { get; init; }
}
