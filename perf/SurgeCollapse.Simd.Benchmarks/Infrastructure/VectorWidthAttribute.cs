using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Simd.Benchmarks.Infrastructure;

/// <summary>
/// The vector width a benchmark method forces. <see cref="ThroughputConfig"/> drops methods whose width the
/// JIT does not accelerate on this machine, and <see cref="Throughput"/> compares each method with the FMA peak
/// of its own width. Methods without it run with <see cref="SimdCapabilities.Widest"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class VectorWidthAttribute(SimdWidth width) : Attribute
{
    /// <summary>The width the method runs with.</summary>
    public SimdWidth Width { get; } = width;
}
