using System.Runtime.Intrinsics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;
using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Simd.Benchmarks.Infrastructure;

/// <summary>
/// The config of every suite that counts flops: the GFLOPS and %FmaPeak columns, and a filter that drops
/// methods forcing a width this machine's JIT does not accelerate (a forced <c>Vector512</c> path still runs
/// without AVX-512, as two 256-bit halves, but its speed says nothing about 512-bit hardware).
/// </summary>
public class ThroughputConfig : ManualConfig
{
    /// <summary>Adds the columns and the width filter.</summary>
    public ThroughputConfig()
    {
        AddColumn(new GflopsColumn(), new PercentOfPeakColumn());
        AddFilter(new SimpleFilter(IsAccelerated));
    }

    /// <summary>True when the width the benchmark forces is accelerated here.</summary>
    public static bool IsAccelerated(BenchmarkCase benchmarkCase) => Throughput.WidthOf(benchmarkCase) switch
    {
        SimdWidth.Vector512 => Vector512.IsHardwareAccelerated,
        SimdWidth.Vector256 => Vector256.IsHardwareAccelerated,
        SimdWidth.Vector128 => Vector128.IsHardwareAccelerated,
        _ => true,
    };
}
