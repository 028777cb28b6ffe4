using SurgeCollapse.Simd.PerfGate.Machine;

namespace SurgeCollapse.Simd.PerfGate.Comparison;

/// <summary>The baseline and the current results come from different machines: timings are not comparable.</summary>
internal sealed class FingerprintMismatchException(MachineFingerprint baseline, MachineFingerprint current)
    : Exception($"refusing to compare results from different machines: {string.Join("; ", baseline.DifferencesFrom(current))} (baseline vs current). "
        + $"Compare against perf/baselines/{current.Slug()}/, or create it with update-baseline on this machine.")
{
    /// <summary>The baseline's machine.</summary>
    public MachineFingerprint Baseline { get; } = baseline;

    /// <summary>The current run's machine.</summary>
    public MachineFingerprint Current { get; } = current;
}
