using SurgeCollapse.Simd.PerfGate.Machine;

namespace SurgeCollapse.Simd.PerfGate.Comparison;

/// <summary>Every benchmark's comparison, sorted by name, and the machine both sides ran on.</summary>
internal sealed record GateReport(MachineFingerprint Fingerprint, GateThresholds Thresholds, IReadOnlyList<BenchmarkComparison> Comparisons)
{
    /// <summary>The regressions (slower or allocating more).</summary>
    public IEnumerable<BenchmarkComparison> Regressions => Comparisons.Where(c => c.IsRegression);

    /// <summary>True when the gate fails.</summary>
    public bool HasRegression => Comparisons.Any(c => c.IsRegression);

    /// <summary>How many comparisons have the verdict.</summary>
    public int Count(TimeVerdict verdict) => Comparisons.Count(c => c.Time == verdict);
}
