using SurgeCollapse.Simd.PerfGate.Machine;

namespace SurgeCollapse.Simd.PerfGate.Results;

/// <summary>The benchmarks of one side of a comparison, all from one machine.</summary>
/// <param name="Fingerprint">The machine every report of this side was produced on.</param>
/// <param name="Runtime">The .NET runtime of the run (reported, not part of the fingerprint: a runtime change is
/// exactly what a gate should be able to measure).</param>
/// <param name="Benchmarks">The cases, keyed by full name.</param>
/// <param name="Files">The reports they were read from.</param>
internal sealed record BenchmarkRun(
    MachineFingerprint Fingerprint,
    string Runtime,
    IReadOnlyDictionary<string, BenchmarkMeasurements> Benchmarks,
    IReadOnlyList<string> Files);
