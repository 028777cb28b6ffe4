using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using SurgeCollapse.Simd.Benchmarks.Infrastructure;
using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Simd.Benchmarks.Kernels;

/// <summary>
/// The fused multiply-add ceiling of one core for each vector width: the yardstick every GFLOPS figure in this
/// project is divided by (NOTES.md: quote speed as a fraction of the peak measured in the same run).
/// </summary>
/// <remarks>
/// An FMA has a latency of 4–5 cycles and two pipes issue one each per cycle on the Zen 3 / Zen 5 machines, so
/// at least 8–10 independent chains are needed to keep both pipes busy; 12 accumulators cover that and still fit
/// the 16 vector registers of AVX2 beside the two operands. The accumulators converge to 1 (a·0.5 + 0.5), so no
/// value overflows or turns subnormal, and their sum is returned so the JIT cannot drop any chain.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class FmaPeakBenchmarks
{
    /// <summary>Loop trips per operation: 12·2^16 FMAs, about 0.1–0.2 ms, long enough to hide the call.</summary>
    public const int Iterations = 1 << 16;

    /// <summary>Independent accumulators, i.e. FMAs per loop trip.</summary>
    public const int Accumulators = 12;

    private Vector512<float> _multiplier512, _addend512;
    private Vector256<float> _multiplier256, _addend256;

    /// <summary>Flops of one operation at <paramref name="width"/>: 2 per lane per FMA.</summary>
    public static double FlopsPerOperation(SimdWidth width) => 2.0 * Iterations * Accumulators * ((int)width / 32);

    /// <summary>The operands come from fields so the JIT cannot fold them into constants.</summary>
    [GlobalSetup]
    public void Setup()
    {
        // Fully qualified: inside this class, Vector512 and Vector256 name the benchmark methods.
        _multiplier512 = System.Runtime.Intrinsics.Vector512.Create(0.5f);
        _addend512 = System.Runtime.Intrinsics.Vector512.Create(0.5f);
        _multiplier256 = System.Runtime.Intrinsics.Vector256.Create(0.5f);
        _addend256 = System.Runtime.Intrinsics.Vector256.Create(0.5f);
    }

    /// <summary>512-bit FMAs (16 lanes); only run where <c>Vector512.IsHardwareAccelerated</c>.</summary>
    [Benchmark]
    [VectorWidth(SimdWidth.Vector512)]
    public float Vector512() => FmaChains.Run(_multiplier512, _addend512, Iterations);

    /// <summary>256-bit FMAs (8 lanes).</summary>
    [Benchmark]
    [VectorWidth(SimdWidth.Vector256)]
    public float Vector256() => FmaChains.Run(_multiplier256, _addend256, Iterations);
}

/// <summary>The 12-chain FMA loops, kept apart so each benchmark body is one call.</summary>
/// <remarks>
/// AggressiveOptimization compiles them fully optimised at once: a loop entered a few times per iteration would
/// otherwise start in tier 0 (every accumulator spilled to the stack) and reach tier 1 only through OSR.
/// </remarks>
internal static class FmaChains
{
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static float Run(Vector512<float> multiplier, Vector512<float> addend, int iterations)
    {
        Vector512<float> a0 = addend, a1 = addend, a2 = addend, a3 = addend, a4 = addend, a5 = addend;
        Vector512<float> a6 = addend, a7 = addend, a8 = addend, a9 = addend, a10 = addend, a11 = addend;
        for (int i = 0; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, multiplier, addend);
            a1 = Vector512.FusedMultiplyAdd(a1, multiplier, addend);
            a2 = Vector512.FusedMultiplyAdd(a2, multiplier, addend);
            a3 = Vector512.FusedMultiplyAdd(a3, multiplier, addend);
            a4 = Vector512.FusedMultiplyAdd(a4, multiplier, addend);
            a5 = Vector512.FusedMultiplyAdd(a5, multiplier, addend);
            a6 = Vector512.FusedMultiplyAdd(a6, multiplier, addend);
            a7 = Vector512.FusedMultiplyAdd(a7, multiplier, addend);
            a8 = Vector512.FusedMultiplyAdd(a8, multiplier, addend);
            a9 = Vector512.FusedMultiplyAdd(a9, multiplier, addend);
            a10 = Vector512.FusedMultiplyAdd(a10, multiplier, addend);
            a11 = Vector512.FusedMultiplyAdd(a11, multiplier, addend);
        }

        return Vector512.Sum((a0 + a1) + (a2 + a3) + (a4 + a5) + (a6 + a7) + (a8 + a9) + (a10 + a11));
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static float Run(Vector256<float> multiplier, Vector256<float> addend, int iterations)
    {
        Vector256<float> a0 = addend, a1 = addend, a2 = addend, a3 = addend, a4 = addend, a5 = addend;
        Vector256<float> a6 = addend, a7 = addend, a8 = addend, a9 = addend, a10 = addend, a11 = addend;
        for (int i = 0; i < iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, multiplier, addend);
            a1 = Vector256.FusedMultiplyAdd(a1, multiplier, addend);
            a2 = Vector256.FusedMultiplyAdd(a2, multiplier, addend);
            a3 = Vector256.FusedMultiplyAdd(a3, multiplier, addend);
            a4 = Vector256.FusedMultiplyAdd(a4, multiplier, addend);
            a5 = Vector256.FusedMultiplyAdd(a5, multiplier, addend);
            a6 = Vector256.FusedMultiplyAdd(a6, multiplier, addend);
            a7 = Vector256.FusedMultiplyAdd(a7, multiplier, addend);
            a8 = Vector256.FusedMultiplyAdd(a8, multiplier, addend);
            a9 = Vector256.FusedMultiplyAdd(a9, multiplier, addend);
            a10 = Vector256.FusedMultiplyAdd(a10, multiplier, addend);
            a11 = Vector256.FusedMultiplyAdd(a11, multiplier, addend);
        }

        return Vector256.Sum((a0 + a1) + (a2 + a3) + (a4 + a5) + (a6 + a7) + (a8 + a9) + (a10 + a11));
    }
}
