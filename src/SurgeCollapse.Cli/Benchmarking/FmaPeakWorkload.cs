using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Cli.Benchmarking;

/// <summary><see cref="FmaPeak"/> at one width: 12·2^16 FMAs per call, about 0.1–0.2 ms, long enough to hide the call and the timer.</summary>
internal sealed class FmaPeakWorkload(SimdWidth width) : IBenchWorkload
{
    private const int Iterations = 1 << 16;

    /// <summary>The accumulators' sums, kept so that no call's result is dead.</summary>
    public float Sink { get; private set; }

    /// <summary>Flops of one call.</summary>
    public double Flops { get; } = FmaPeak.Flops(width, Iterations);

    /// <inheritdoc/>
    public int CycleCalls => 1;

    /// <inheritdoc/>
    public void Run() => Sink += FmaPeak.Run(width, Iterations);
}
