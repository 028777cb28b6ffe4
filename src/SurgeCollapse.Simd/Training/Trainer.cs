using SurgeCollapse.Simd.Data;
using SurgeCollapse.Simd.Kernels;
using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Optimizers;

namespace SurgeCollapse.Simd.Training;

/// <summary>
/// One training step on one batch — forward, loss, backward, optimizer — allocation-free: the loss gradient
/// buffer is allocated once, here, for the model's largest batch.
/// </summary>
public sealed class Trainer
{
    private readonly float[] _dOutput;

    /// <summary>Binds a model, its optimizer and the loss.</summary>
    public Trainer(Mlp model, Optimizer optimizer, LossKind loss)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        Model = model;
        Optimizer = optimizer;
        Loss = loss;
        _dOutput = new float[checked(model.MaxBatch * model.OutputSize)];
    }

    /// <summary>The model being trained.</summary>
    public Mlp Model { get; }

    /// <summary>The optimizer that updates it.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The loss minimised.</summary>
    public LossKind Loss { get; }

    /// <summary>One step on vector targets (mean squared error); returns the batch's loss before the update.</summary>
    public float Step(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batch)
    {
        float loss = ForwardAndLoss(inputs, targets, batch);
        Backward(inputs, batch);
        Optimizer.Step();
        return loss;
    }

    /// <summary>One step on token targets (cross-entropy), one class index per row; returns the loss before the update.</summary>
    public float Step(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets)
    {
        float loss = ForwardAndLoss(inputs, targets);
        Backward(inputs, targets.Length);
        Optimizer.Step();
        return loss;
    }

    /// <summary>The backward pass of the last <see cref="ForwardAndLoss(ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/>: fills every gradient.</summary>
    internal void Backward(ReadOnlySpan<float> inputs, int batch) => Model.Backward(inputs, _dOutput, batch);

    /// <summary>The loss of one batch of vector targets, without updating anything.</summary>
    public float ForwardAndLoss(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batch)
    {
        if (Loss != LossKind.MeanSquaredError)
            throw new InvalidOperationException($"vector targets need the mean squared error loss; this trainer minimises {Loss}");
        int length = batch * Model.OutputSize;
        if (targets.Length < length)
            throw new ArgumentException($"targets hold {targets.Length} floats; {batch} rows of {Model.OutputSize} need {length}", nameof(targets));
        ReadOnlySpan<float> output = Model.Forward(inputs, batch);
        return Losses.MeanSquaredError(output, targets[..length], _dOutput.AsSpan(0, length));
    }

    /// <summary>The loss of one batch of token targets, without updating anything.</summary>
    public float ForwardAndLoss(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets)
    {
        if (Loss != LossKind.CrossEntropy)
            throw new InvalidOperationException($"token targets need the cross-entropy loss; this trainer minimises {Loss}");
        int batch = targets.Length;
        ReadOnlySpan<float> output = Model.Forward(inputs, batch);
        return Losses.CrossEntropy(output, targets, Model.OutputSize, _dOutput.AsSpan(0, batch * Model.OutputSize));
    }

    /// <summary>
    /// The mean loss over <paramref name="rows"/> rows of vector data, evaluated in chunks of the largest batch and
    /// weighted by rows, so it equals the loss of the whole set at once (up to rounding).
    /// </summary>
    public double Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        double total = 0;
        for (int start = 0; start < rows; start += Model.MaxBatch)
        {
            int batch = Math.Min(Model.MaxBatch, rows - start);
            total += (double)batch * ForwardAndLoss(inputs[(start * Model.InputSize)..], targets[(start * Model.OutputSize)..], batch);
        }

        return total / rows;
    }

    /// <summary>
    /// The mean cross-entropy over every sample of token data, as <see cref="Evaluate(ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/>
    /// does for vector data: each chunk of the largest batch is one-hot encoded into <paramref name="inputs"/> and
    /// evaluated, and the chunks' losses are weighted by rows.
    /// </summary>
    /// <param name="data">The samples, at least one (validation data: no noise is added).</param>
    /// <param name="inputs">Scratch room for <c>[MaxBatch, data.InputSize]</c> floats, such as the training batch buffer.</param>
    public double Evaluate(TokenDataset data, Span<float> inputs)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfZero(data.Count);
        double total = 0;
        for (int start = 0; start < data.Count; start += Model.MaxBatch)
        {
            int batch = Math.Min(Model.MaxBatch, data.Count - start);
            data.EncodeInputs(start, batch, inputs);
            total += (double)batch * ForwardAndLoss(inputs, data.Targets.Slice(start, batch));
        }

        return total / data.Count;
    }
}
