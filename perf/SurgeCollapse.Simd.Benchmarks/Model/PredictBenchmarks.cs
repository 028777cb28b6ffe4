using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using SurgeCollapse.Simd.Benchmarks.Infrastructure;
using SurgeCollapse.Simd.Model;

namespace SurgeCollapse.Simd.Benchmarks.Model;

/// <summary>Inference with the default model <c>[128, 256, 128]</c>: one row (latency) and a full batch of 64 rows.</summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class PredictBenchmarks
{
    /// <summary>The default model's layer widths, input first.</summary>
    internal static readonly int[] DefaultSizes = [128, 256, 128];

    /// <summary>The largest batch the model is built for (the default training batch).</summary>
    internal const int MaxBatch = 64;

    private Mlp _model = null!;
    private float[] _input = [], _output = [];

    /// <summary>Rows predicted per call.</summary>
    [Params(1, 64)]
    public int Batch { get; set; }

    /// <summary>Flops of the matrix products of one forward pass: 2·batch·Σ in·out (bias and ReLU not counted).</summary>
    internal static double ForwardFlops(int batch)
    {
        double multiplyAdds = 0;
        for (int l = 0; l + 1 < DefaultSizes.Length; l++)
            multiplyAdds += (double)DefaultSizes[l] * DefaultSizes[l + 1];
        return 2.0 * batch * multiplyAdds;
    }

    /// <summary>Forward flops at the case's batch.</summary>
    public static double FlopsPerOperation(BenchmarkCase benchmarkCase)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        return ForwardFlops((int)benchmarkCase.Parameters[nameof(Batch)]);
    }

    /// <summary>A seeded model and input; the output buffer is allocated once, here.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _model = new Mlp(DefaultSizes, MaxBatch, SeededData.Seed);
        _input = SeededData.Uniform(Batch * _model.InputSize, seedOffset: 1);
        _output = new float[Batch * _model.OutputSize];
    }

    /// <summary><c>Mlp.Predict</c> into the preallocated output.</summary>
    [Benchmark]
    public void Predict() => _model.Predict(_input, _output);
}
