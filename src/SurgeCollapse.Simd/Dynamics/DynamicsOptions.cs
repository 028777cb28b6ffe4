using SurgeCollapse.Simd.Entropy;
using SurgeCollapse.Simd.Sparsity;

namespace SurgeCollapse.Simd.Dynamics;

/// <summary>Everything a <see cref="SurgeCollapseTrainer"/> needs to know about its policy (SPEC §3–§6), with the spec's defaults.</summary>
public sealed record DynamicsOptions
{
    /// <summary>The policy. Default <see cref="DynamicsPolicy.Baseline"/>.</summary>
    public DynamicsPolicy Policy { get; init; } = DynamicsPolicy.Baseline;

    /// <summary>
    /// How a collapse prunes. The notebook policy uses <see cref="CollapseOptions.Sparsity"/> only: it always prunes
    /// per tensor, biases included.
    /// </summary>
    public CollapseOptions Collapse { get; init; } = new();

    /// <summary>
    /// How a surge re-expands. The notebook policy uses <see cref="SurgeOptions.RecoveryFactor"/> only: it always
    /// re-seeds every zero.
    /// </summary>
    public SurgeOptions Surge { get; init; } = new();

    /// <summary>The fixed schedule of the notebook and scheduled policies.</summary>
    public ScheduleOptions Schedule { get; init; } = new();

    /// <summary>The controller of the adaptive policy.</summary>
    public AdaptiveOptions Adaptive { get; init; } = new();

    /// <summary>How activation and target entropies are measured.</summary>
    public EntropyOptions Entropy { get; init; } = new();

    /// <summary>
    /// Measure activation and target entropy at every step (SPEC §7's per-step metrics). The adaptive policy measures
    /// activation entropy whatever this says, since its rules read it. Default true.
    /// </summary>
    public bool TrackEntropy { get; init; } = true;

    /// <summary>True for the policies that keep persistent masks (scheduled and adaptive).</summary>
    public bool UsesMasks => Policy is DynamicsPolicy.Scheduled or DynamicsPolicy.Adaptive;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        OptionCheck.Range(Enum.IsDefined(Policy), nameof(DynamicsOptions), nameof(Policy), Policy, "Baseline, Notebook, Scheduled or Adaptive");
        ArgumentNullException.ThrowIfNull(Collapse);
        ArgumentNullException.ThrowIfNull(Surge);
        ArgumentNullException.ThrowIfNull(Schedule);
        ArgumentNullException.ThrowIfNull(Adaptive);
        ArgumentNullException.ThrowIfNull(Entropy);
        Collapse.Validate();
        Surge.Validate();
        Schedule.Validate();
        Adaptive.Validate();
        Entropy.Validate();
    }
}
