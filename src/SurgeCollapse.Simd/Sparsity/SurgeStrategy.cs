namespace SurgeCollapse.Simd.Sparsity;

/// <summary>Which pruned positions a surge re-expands (SPEC §4).</summary>
public enum SurgeStrategy
{
    /// <summary>All of them (the notebook).</summary>
    Noise,
    /// <summary>A random fraction f of them (SET, Mocanu et al. 2018).</summary>
    Random,
    /// <summary>The fraction f with the largest |gradient| (RigL, Evci et al. 2020).</summary>
    Gradient,
}
