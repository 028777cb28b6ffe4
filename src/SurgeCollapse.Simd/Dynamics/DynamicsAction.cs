namespace SurgeCollapse.Simd.Dynamics;

/// <summary>What a policy asks the trainer to do at one step (several at once: collapse then surge).</summary>
[Flags]
public enum DynamicsAction
{
    /// <summary>Nothing: a plain training step.</summary>
    None = 0,
    /// <summary>Prune the low-magnitude weights.</summary>
    Collapse = 1,
    /// <summary>Re-expand pruned weights with noise.</summary>
    Surge = 2,
    /// <summary>Raise the extra input noise (the entropy pump).</summary>
    Pump = 4,
}
