using System.Numerics.Tensors;

namespace SurgeCollapse.Simd.Kernels;

/// <summary>Losses and their gradients with respect to the network's output, computed in one pass each.</summary>
public static class Losses
{
    /// <summary>
    /// Mean squared error over all elements, <c>mean((y − t)²)</c>, and its gradient <c>dOutput = (y − t)·(2/N)</c>,
    /// scaled as PyTorch's <c>mse_loss_backward</c> does (difference first, then the float scalar 2/N). The squares
    /// are summed in double, so the loss agrees across instruction sets to within one ulp (almost always exactly).
    /// </summary>
    public static float MeanSquaredError(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> dOutput)
    {
        if (output.Length != target.Length || output.Length != dOutput.Length)
            throw new ArgumentException($"lengths differ: output {output.Length}, target {target.Length}, dOutput {dOutput.Length}", nameof(target));
        if (output.IsEmpty)
            throw new ArgumentException("the loss of an empty batch is undefined", nameof(output));
        TensorPrimitives.Subtract(output, target, dOutput);
        float loss = (float)(Reductions.SumOfSquares(dOutput) / output.Length);
        TensorPrimitives.Multiply(dOutput, (float)(2.0 / output.Length), dOutput);
        return loss;
    }

    /// <summary>
    /// Softmax cross-entropy averaged over the batch, <c>mean_i(logsumexp(z_i) − z_i[t_i])</c>, computed with the row
    /// maximum subtracted so no exponential overflows; gradient <c>dLogits_i = (softmax(z_i) − onehot(t_i)) / B</c>.
    /// </summary>
    /// <param name="logits">The outputs, <c>[batch, classes]</c>.</param>
    /// <param name="targets">One class index per row.</param>
    /// <param name="classes">The number of classes (columns).</param>
    /// <param name="dLogits">Receives the gradient, same layout as <paramref name="logits"/>.</param>
    public static float CrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<int> targets, int classes, Span<float> dLogits)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        int batch = targets.Length;
        if (batch == 0)
            throw new ArgumentException("the loss of an empty batch is undefined", nameof(targets));
        if (logits.Length != batch * classes || dLogits.Length != logits.Length)
            throw new ArgumentException($"logits hold {logits.Length} floats and dLogits {dLogits.Length}; {batch} rows of {classes} need {batch * classes}", nameof(logits));

        double total = 0;
        float inverseBatch = 1f / batch;
        for (int i = 0; i < batch; i++)
        {
            int target = targets[i];
            if ((uint)target >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(targets), target, $"row {i}: class index must be in [0, {classes})");
            ReadOnlySpan<float> row = logits.Slice(i * classes, classes);
            Span<float> gradient = dLogits.Slice(i * classes, classes);
            float max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, gradient);
            TensorPrimitives.Exp(gradient, gradient);
            float sum = TensorPrimitives.Sum(gradient);
            total += max + Math.Log(sum) - row[target];
            TensorPrimitives.Multiply(gradient, inverseBatch / sum, gradient);
            gradient[target] -= inverseBatch;
        }

        return (float)(total / batch);
    }
}
