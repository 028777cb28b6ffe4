using System.Globalization;

namespace SurgeCollapse.Cli.Reporting;

/// <summary>Everything the report reads from one run directory.</summary>
/// <param name="Name">The run's name as shown in the report, e.g. <c>runs/adaptive_sigma0.05_seed1</c>.</param>
/// <param name="Directory">The directory on disk.</param>
/// <param name="Record">run.json.</param>
/// <param name="Metrics">metrics.csv.</param>
/// <param name="Events">events.csv (empty when the run wrote none).</param>
internal sealed record RunData(string Name, string Directory, RunRecord Record, MetricsTable Metrics, IReadOnlyList<RunEvent> Events)
{
    /// <summary>The policy (required in run.json).</summary>
    public string Policy => Record.Policy!;

    /// <summary>The input noise σ (required in run.json).</summary>
    public double Noise => Record.Noise!.Value;

    /// <summary>The seed (required in run.json).</summary>
    public ulong Seed => Record.Seed!.Value;

    /// <summary>True when the run finished all its steps.</summary>
    public bool Completed => Record.Completed == true;

    /// <summary>The arm this run belongs to.</summary>
    public ArmKey Arm => new(Policy, Noise);

    /// <summary>Policy, σ and seed, as the sweep names run directories.</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture, $"{Policy}_sigma{Noise}_seed{Seed}");
}
