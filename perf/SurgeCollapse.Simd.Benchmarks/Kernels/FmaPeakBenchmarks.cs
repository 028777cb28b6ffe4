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
/// The loops are the engine's <see cref="FmaPeak"/> (why 12 accumulators, and why they cannot be folded away, is
/// written there), the same code `surge bench` measures its peak with.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class FmaPeakBenchmarks
{
    /// <summary>Loop trips per operation: 12·2^16 FMAs, about 0.1–0.2 ms, long enough to hide the call.</summary>
    public const int Iterations = 1 << 16;

    /// <summary>Independent accumulators, i.e. FMAs per loop trip.</summary>
    public const int Accumulators = FmaPeak.Accumulators;

    private Vector512<float> _multiplier512, _addend512;
    private Vector256<float> _multiplier256, _addend256;

    /// <summary>Flops of one operation at <paramref name="width"/>: 2 per lane per FMA.</summary>
    public static double FlopsPerOperation(SimdWidth width) => FmaPeak.Flops(width, Iterations);

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
    public float Vector512() => FmaPeak.Run(_multiplier512, _addend512, Iterations);

    /// <summary>256-bit FMAs (8 lanes).</summary>
    [Benchmark]
    [VectorWidth(SimdWidth.Vector256)]
    public float Vector256() => FmaPeak.Run(_multiplier256, _addend256, Iterations);
}
