namespace SurgeCollapse.Simd.PerfGate.Comparison;

/// <summary>What the gate says about a benchmark's time.</summary>
internal enum TimeVerdict
{
    /// <summary>No change the test, the threshold and the noise floor all accept.</summary>
    Same,

    /// <summary>Significantly slower beyond both thresholds: a regression.</summary>
    Slower,

    /// <summary>Significantly faster beyond both thresholds.</summary>
    Faster,

    /// <summary>In the baseline only (removed, renamed, or filtered out of this run).</summary>
    OnlyInBaseline,

    /// <summary>In the current run only (new; no history yet).</summary>
    OnlyInCurrent,
}
