namespace SurgeCollapse.Simd.Sparsity;

/// <summary>Over which weights one collapse threshold is computed (SPEC §3).</summary>
public enum CollapseScope
{
    /// <summary>One threshold per tensor (the default, as the notebook).</summary>
    PerTensor,
    /// <summary>One threshold over all collapsed tensors together.</summary>
    Global,
}
