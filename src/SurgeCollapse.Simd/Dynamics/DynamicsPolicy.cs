namespace SurgeCollapse.Simd.Dynamics;

/// <summary>How a run collapses, surges and pumps noise (SPEC §6).</summary>
public enum DynamicsPolicy
{
    /// <summary>Plain training: no collapse, surge or pump.</summary>
    Baseline,
    /// <summary>
    /// The original code: no persistent masks, every parameter tensor (biases too) pruned per tensor on the schedule,
    /// and a surge re-seeds every weight that is exactly zero; the optimizer state is left as it is.
    /// </summary>
    Notebook,
    /// <summary>The same schedule with persistent masks: pruned weights stay zero until a surge re-expands them.</summary>
    Scheduled,
    /// <summary>Entropy-driven: the <see cref="AdaptiveController"/> decides, with persistent masks.</summary>
    Adaptive,
}
