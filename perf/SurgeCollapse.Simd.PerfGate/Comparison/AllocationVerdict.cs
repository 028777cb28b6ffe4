namespace SurgeCollapse.Simd.PerfGate.Comparison;

/// <summary>What the gate says about allocated bytes per operation. Any increase fails: the engine's hot paths
/// allocate nothing, so one byte more is a change of kind, not of degree.</summary>
internal enum AllocationVerdict
{
    /// <summary>Equal.</summary>
    Same,

    /// <summary>More bytes per operation than the baseline: a regression.</summary>
    More,

    /// <summary>Fewer bytes.</summary>
    Less,

    /// <summary>One side has no allocation figure (no memory diagnoser) or the benchmark is on one side only.</summary>
    Unknown,
}
