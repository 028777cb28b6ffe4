namespace SurgeCollapse.Simd.PerfGate.Comparison;

/// <summary>The comparison of one benchmark. Times are nanoseconds per operation; NaN where a side is missing.</summary>
/// <param name="FullName">The benchmark's full name.</param>
/// <param name="BaselineMedianNs">Median of the baseline's iterations.</param>
/// <param name="CurrentMedianNs">Median of the current iterations.</param>
/// <param name="PValue">Two-sided Mann–Whitney p (NaN when a side is missing).</param>
/// <param name="Time">The time verdict.</param>
/// <param name="BaselineAllocatedBytes">Bytes per operation of the baseline, if known.</param>
/// <param name="CurrentAllocatedBytes">Bytes per operation now, if known.</param>
/// <param name="Allocation">The allocation verdict.</param>
/// <param name="Note">Why a verdict could not be reached, or empty.</param>
internal sealed record BenchmarkComparison(
    string FullName,
    double BaselineMedianNs,
    double CurrentMedianNs,
    double PValue,
    TimeVerdict Time,
    long? BaselineAllocatedBytes,
    long? CurrentAllocatedBytes,
    AllocationVerdict Allocation,
    string Note)
{
    /// <summary>(current − baseline) / baseline of the medians.</summary>
    public double RelativeChange => (CurrentMedianNs - BaselineMedianNs) / BaselineMedianNs;

    /// <summary>Slower, or allocates more.</summary>
    public bool IsRegression => Time == TimeVerdict.Slower || Allocation == AllocationVerdict.More;
}
