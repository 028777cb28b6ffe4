using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Model;

namespace SurgeCollapse.Simd.Training;

/// <summary>
/// The per-step metrics of one run (SPEC §7) — training loss, activation entropy (mean and per hidden layer, with the
/// zero fraction and the positive part), target entropy, sparsity (overall and per weight matrix), input σ — and the
/// validation loss of the steps that were evaluated. Columns are allocated once for the run's steps, so recording a
/// step allocates nothing. Entropies are normalised (H / ln B).
/// </summary>
public sealed class RunMetrics
{
    private readonly int[] _weightIndices;
    private readonly long[] _weightLengths;
    private readonly long _weightTotal;

    /// <summary>Reserves room for <paramref name="capacity"/> steps of a run of <paramref name="model"/>.</summary>
    public RunMetrics(Mlp model, int capacity)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
        HiddenLayers = model.Layers.Count(layer => layer.HasRelu);
        _weightIndices = [.. Enumerable.Range(0, model.Parameters.Count).Where(i => model.Parameters[i].IsWeight)];
        _weightLengths = [.. _weightIndices.Select(i => (long)model.Parameters[i].Length)];
        _weightTotal = _weightLengths.Sum();
        WeightNames = [.. _weightIndices.Select(i => model.Parameters[i].Name)];
        TrainingLoss = new float[capacity];
        ValidationLoss = new double[capacity];
        ActivationEntropy = new double[capacity];
        TargetEntropy = new double[capacity];
        Sparsity = new double[capacity];
        InputSigma = new double[capacity];
        LayerEntropy = new double[HiddenLayers * capacity];
        LayerZeroFraction = new double[HiddenLayers * capacity];
        LayerPositiveEntropy = new double[HiddenLayers * capacity];
        WeightSparsity = new double[WeightNames.Count * capacity];
    }

    /// <summary>The most steps this record holds.</summary>
    public int Capacity { get; }

    /// <summary>Steps recorded so far; row r holds 1-based step r + 1.</summary>
    public int Count { get; private set; }

    /// <summary>Hidden layers measured per step.</summary>
    public int HiddenLayers { get; }

    /// <summary>The names of the weight matrices whose sparsity is recorded, in parameter order.</summary>
    public IReadOnlyList<string> WeightNames { get; }

    /// <summary>The training loss of each step's batch, before its update.</summary>
    public float[] TrainingLoss { get; }

    /// <summary>The validation loss after each step, NaN where it was not evaluated.</summary>
    public double[] ValidationLoss { get; }

    /// <summary>Mean normalised activation entropy over hidden layers (NaN when not measured).</summary>
    public double[] ActivationEntropy { get; }

    /// <summary>Normalised target entropy of each batch.</summary>
    public double[] TargetEntropy { get; }

    /// <summary>Fraction of weight-matrix entries exactly zero after each step.</summary>
    public double[] Sparsity { get; }

    /// <summary>The input noise σ in effect at each step.</summary>
    public double[] InputSigma { get; }

    /// <summary>Normalised activation entropy per hidden layer, <c>[layer · Capacity + row]</c>.</summary>
    public double[] LayerEntropy { get; }

    /// <summary>Exactly-zero fraction of each hidden layer's activations, <c>[layer · Capacity + row]</c>.</summary>
    public double[] LayerZeroFraction { get; }

    /// <summary>Normalised entropy of each hidden layer's positive activations, <c>[layer · Capacity + row]</c>.</summary>
    public double[] LayerPositiveEntropy { get; }

    /// <summary>Sparsity of each weight matrix, <c>[matrix · Capacity + row]</c>.</summary>
    public double[] WeightSparsity { get; }

    /// <summary>Appends the step <paramref name="trainer"/> has just taken, whose batch loss was <paramref name="loss"/>.</summary>
    /// <exception cref="InvalidOperationException">The record is full.</exception>
    public void Record(float loss, SurgeCollapseTrainer trainer)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        if (Count == Capacity)
            throw new InvalidOperationException($"the metrics hold {Capacity} steps and are full");
        int row = Count++;
        TrainingLoss[row] = loss;
        ValidationLoss[row] = double.NaN;
        ActivationEntropy[row] = trainer.ActivationEntropy;
        TargetEntropy[row] = trainer.TargetEntropy.Normalized;
        InputSigma[row] = trainer.InputSigma;
        ReadOnlySpan<Entropy.ActivationEntropy> layers = trainer.ActivationEntropies;
        for (int l = 0; l < HiddenLayers; l++)
        {
            LayerEntropy[l * Capacity + row] = layers[l].All.Normalized;
            LayerZeroFraction[l * Capacity + row] = layers[l].ZeroFraction;
            LayerPositiveEntropy[l * Capacity + row] = layers[l].Positive.Normalized;
        }

        double zeros = 0;
        for (int w = 0; w < _weightIndices.Length; w++)
        {
            double sparsity = trainer.SparsityOf(_weightIndices[w]);
            WeightSparsity[w * Capacity + row] = sparsity;
            zeros += sparsity * _weightLengths[w];
        }

        Sparsity[row] = _weightTotal == 0 ? 0 : zeros / _weightTotal;
    }

    /// <summary>
    /// Appends a step recorded earlier, as read back from a run's metrics file, so that a resumed run continues its
    /// record where the stopped one left it.
    /// </summary>
    /// <param name="trainingLoss">The step's batch loss.</param>
    /// <param name="validationLoss">The validation loss after it, NaN where it was not evaluated.</param>
    /// <param name="activationEntropy">The mean normalised activation entropy.</param>
    /// <param name="targetEntropy">The normalised target entropy.</param>
    /// <param name="sparsity">The overall sparsity of the weight matrices.</param>
    /// <param name="inputSigma">The input σ in effect.</param>
    /// <param name="layers">Per hidden layer: entropy, zero fraction, positive entropy (3 · <see cref="HiddenLayers"/> values).</param>
    /// <param name="weightSparsity">The sparsity of each weight matrix (<see cref="WeightNames"/>.Count values).</param>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    /// <exception cref="InvalidOperationException">The record is full.</exception>
    public void Append(float trainingLoss, double validationLoss, double activationEntropy, double targetEntropy, double sparsity,
        double inputSigma, ReadOnlySpan<double> layers, ReadOnlySpan<double> weightSparsity)
    {
        if (layers.Length != 3 * HiddenLayers)
            throw new ArgumentException($"expected {3 * HiddenLayers} per-layer values, got {layers.Length}", nameof(layers));
        if (weightSparsity.Length != WeightNames.Count)
            throw new ArgumentException($"expected {WeightNames.Count} weight sparsities, got {weightSparsity.Length}", nameof(weightSparsity));
        if (Count == Capacity)
            throw new InvalidOperationException($"the metrics hold {Capacity} steps and are full");
        int row = Count++;
        TrainingLoss[row] = trainingLoss;
        ValidationLoss[row] = validationLoss;
        ActivationEntropy[row] = activationEntropy;
        TargetEntropy[row] = targetEntropy;
        Sparsity[row] = sparsity;
        InputSigma[row] = inputSigma;
        for (int l = 0; l < HiddenLayers; l++)
        {
            LayerEntropy[l * Capacity + row] = layers[3 * l];
            LayerZeroFraction[l * Capacity + row] = layers[3 * l + 1];
            LayerPositiveEntropy[l * Capacity + row] = layers[3 * l + 2];
        }

        for (int w = 0; w < weightSparsity.Length; w++)
            WeightSparsity[w * Capacity + row] = weightSparsity[w];
    }

    /// <summary>Sets the validation loss of the last recorded step.</summary>
    public void RecordValidation(double loss)
    {
        if (Count == 0)
            throw new InvalidOperationException("no step has been recorded yet");
        ValidationLoss[Count - 1] = loss;
    }
}
