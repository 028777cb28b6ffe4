using BenchmarkDotNet.Attributes;
using SurgeCollapse.Simd.Benchmarks.Infrastructure;
using SurgeCollapse.Simd.Benchmarks.Model;
using SurgeCollapse.Simd.Data;
using SurgeCollapse.Simd.Entropy;
using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Noise;
using SurgeCollapse.Simd.Sparsity;
using SurgeCollapse.Simd.Training;

namespace SurgeCollapse.Simd.Benchmarks.Dynamics;

/// <summary>
/// The pieces the Surge-Collapse dynamics add to a training step, each to be read against
/// <c>TrainingStepBenchmarks.StepWithAdam</c> of the same run: the activation entropy of one 64×256 hidden batch, a
/// per-tensor collapse of the default model, Gaussian noise, and one noisy batch.
/// </summary>
[MemoryDiagnoser]
public class DynamicsBenchmarks
{
    private const int Batch = 64;
    private float[] _activations = [], _normals = [], _inputs = [], _targets = [];
    private ActivationEntropyMeter _entropy = null!;
    private Collapse _collapse = null!;
    private (float[] Weights, float[] Dense)[] _weights = [];
    private NormalGenerator _generator = null!;
    private BatchSampler _sampler = null!;

    /// <summary>A ReLU-like hidden batch (about half exact zeros), the default model and its masks, a noisy sampler.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _activations = SeededData.Uniform(Batch * 256, seedOffset: 1);
        for (int i = 0; i < _activations.Length; i++)
            _activations[i] = Math.Max(_activations[i], 0f);
        _entropy = new ActivationEntropyMeter();
        var model = new Mlp(PredictBenchmarks.DefaultSizes, Batch, SeededData.Seed);
        _collapse = new Collapse(new SparsityMasks(model.Parameters, includeBiases: false), new CollapseOptions());
        _weights = [.. model.Parameters.Where(p => p.IsWeight).Select(p => (p.Value, p.Value.ToArray()))];
        _generator = new NormalGenerator(SeededData.Seed, (ulong)RandomPurpose.InputNoise);
        _normals = new float[Batch * 128];
        Dataset data = new ArDataSource(new ArDataOptions { Seed = SeededData.Seed }).Training;
        _sampler = new BatchSampler(data, new BatchSamplerOptions { InputNoiseStandardDeviation = 0.1, Seed = SeededData.Seed });
        _inputs = new float[Batch * 128];
        _targets = new float[Batch * 128];
    }

    /// <summary>Entropy of all values and of the positive part, and the zero fraction, of one 64×256 batch.</summary>
    [Benchmark]
    public double ActivationEntropy64x256() => _entropy.Measure(_activations).All.EntropyNats;

    /// <summary>
    /// A per-tensor collapse of both weight matrices (selection of the median |w|, then the prune pass) of the dense
    /// model, as after a surge: the weights are restored first (two 128 KiB copies, included), since collapsing an
    /// already collapsed model selects among half zeros, a much easier case.
    /// </summary>
    [Benchmark]
    public void CollapseDefaultModel()
    {
        foreach ((float[] weights, float[] dense) in _weights)
            dense.CopyTo(weights, 0);
        _collapse.Apply();
    }

    /// <summary>8,192 standard normals (one 64×128 batch of input noise).</summary>
    [Benchmark]
    public void Normals8192() => _generator.FillStandardNormal(_normals);

    /// <summary>One shuffled 64×128 batch with input noise σ = 0.1.</summary>
    [Benchmark]
    public int NoisyBatch() => _sampler.NextBatch(_inputs, _targets);
}
