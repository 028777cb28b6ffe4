using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using SurgeCollapse.Simd.Benchmarks.Infrastructure;
using SurgeCollapse.Simd.Benchmarks.Model;
using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Optimizers;
using SurgeCollapse.Simd.Training;

namespace SurgeCollapse.Simd.Benchmarks.Training;

/// <summary>
/// One <c>Trainer.Step</c> of the default model <c>[128, 256, 128]</c> at batch 64 with the mean squared error:
/// forward, loss, backward and the optimizer.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class TrainingStepBenchmarks
{
    /// <summary>Rows per step (the default batch).</summary>
    public const int Batch = 64;

    private Trainer _withoutOptimizer = null!, _withAdam = null!;
    private float[] _inputs = [], _targets = [];

    /// <summary>
    /// Flops of the matrix products of one step at batch 64: the forward pass, every dWeight, and dInput of every
    /// layer but the first (the trainer skips it) — 5·2·64·32768 for the default model. Element-wise work is not counted.
    /// </summary>
    public static double FlopsPerOperation()
    {
        int[] sizes = PredictBenchmarks.DefaultSizes;
        double multiplyAdds = 0;
        for (int l = 0; l + 1 < sizes.Length; l++)
        {
            double layer = (double)sizes[l] * sizes[l + 1];
            multiplyAdds += l == 0 ? 2 * layer : 3 * layer; // forward + dWeight (+ dInput after the first layer)
        }

        return 2.0 * Batch * multiplyAdds;
    }

    /// <summary>A seeded model, inputs and targets; every buffer is allocated here, none per step.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var model = new Mlp(PredictBenchmarks.DefaultSizes, Batch, SeededData.Seed);
        _withoutOptimizer = new Trainer(model, new NoOpOptimizer(model.Parameters), LossKind.MeanSquaredError);
        var adamModel = new Mlp(PredictBenchmarks.DefaultSizes, Batch, SeededData.Seed); // its own weights
        _withAdam = new Trainer(adamModel, new Adam(adamModel.Parameters), LossKind.MeanSquaredError);
        _inputs = SeededData.Uniform(Batch * model.InputSize, seedOffset: 1);
        _targets = SeededData.Uniform(Batch * model.OutputSize, seedOffset: 2);
    }

    /// <summary>Forward, loss and backward with an optimizer that changes nothing: the step's cost before any update rule.</summary>
    [Benchmark(Baseline = true)]
    public float StepWithoutOptimizer() => _withoutOptimizer.Step(_inputs, _targets, Batch);

    /// <summary>The whole step with Adam (the default optimizer): what training costs.</summary>
    [Benchmark]
    public float StepWithAdam() => _withAdam.Step(_inputs, _targets, Batch);

    /// <summary>Counts steps and leaves every parameter untouched, so each measured step sees the same weights.</summary>
    private sealed class NoOpOptimizer(IReadOnlyList<Parameter> parameters) : Optimizer(parameters, learningRate: 0)
    {
        public override IReadOnlyList<string> StateNames => [];

        protected override void Update(ReadOnlySpan<GradientMask?> masks) => StepCount++;

        public override void MaskState(int parameterIndex, ReadOnlySpan<float> keep)
        {
        }

        protected override float[] StateBuffer(int parameterIndex, int stateIndex) => throw new UnreachableException("it keeps no state");
    }
}
