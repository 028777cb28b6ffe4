using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Cli.Benchmarking;

/// <summary>Every figure of one <c>surge bench</c> run, all measured in that run.</summary>
internal sealed class BenchResults
{
    public required BenchBudget Budget { get; init; }

    public required bool Quick { get; init; }

    /// <summary>The width the kernels dispatch on, and the one the peak is measured at.</summary>
    public required SimdWidth PeakWidth { get; init; }

    public double FmaPeakGflops { get; set; }

    /// <summary>The plain step first, then each policy, keyed by its JSON name, with its paired fraction of the plain step.</summary>
    public List<(string Name, Throughput Step, double FractionOfPlain)> Training { get; } = [];

    public Latency PredictBatch1 { get; set; }

    public Latency PredictBatch64 { get; set; }

    /// <summary>The latency of a call that does nothing: what timing each call adds to the predict figures.</summary>
    public double TimerOverheadNs { get; set; }

    public List<(GemmBenchForm Form, string Shape, double Gflops, double AllocatedBytesPerCall)> Gemm { get; } = [];

    public double Seconds { get; set; }
}
