using SurgeCollapse.Simd.PerfGate.Machine;
using SurgeCollapse.Simd.PerfGate.Results;

namespace SurgeCollapse.Simd.PerfGate.Tests;

/// <summary>Hand-made runs: deterministic samples with a fixed ±1 % spread, one fixed machine.</summary>
internal static class Samples
{
    public static readonly MachineFingerprint Machine =
        new("amd epyc", ["AVX512F", "AVX512BW", "AVX512CD", "AVX512DQ", "AVX512VL", "AVX2", "FMA", "AVX", "SSE4.2"], 2, "Linux", "X64");

    /// <summary>20 iterations with median <paramref name="medianNs"/>: medianNs·(1 + k/1000) for k = −9.5 … 9.5, in a
    /// scrambled order (nothing may depend on the order). The spread is ±1 %.</summary>
    public static double[] Around(double medianNs) =>
        [.. Enumerable.Range(0, 20).Select(i => medianNs * (1 + (i * 7 % 20 - 9.5) / 1000.0))];

    public static BenchmarkMeasurements Benchmark(string name, double medianNs, long? allocated = 0) =>
        new(name, Around(medianNs), allocated);

    public static BenchmarkRun Run(params BenchmarkMeasurements[] benchmarks) => RunOn(Machine, benchmarks);

    public static BenchmarkRun RunOn(MachineFingerprint machine, params BenchmarkMeasurements[] benchmarks) =>
        new(machine, ".NET 10.0.0", benchmarks.ToDictionary(b => b.FullName, StringComparer.Ordinal), ["hand-made"]);
}
