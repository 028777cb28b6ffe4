using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Simd.Model;

/// <summary>
/// A fully connected layer <c>y = act(x·Wᵀ + b)</c> in PyTorch's <c>nn.Linear</c> layout, with ReLU or no
/// activation; it owns its output buffer, sized once for the largest batch.
/// </summary>
public sealed class DenseLayer
{
    internal DenseLayer(int index, int inputSize, int outputSize, bool relu, int maxBatch)
    {
        InputSize = inputSize;
        OutputSize = outputSize;
        HasRelu = relu;
        Weight = new Parameter($"layers.{index}.weight", outputSize, inputSize);
        Bias = new Parameter($"layers.{index}.bias", outputSize);
        Output = new float[checked(maxBatch * outputSize)];
    }

    /// <summary>Features in.</summary>
    public int InputSize { get; }

    /// <summary>Features out.</summary>
    public int OutputSize { get; }

    /// <summary>True for hidden layers (ReLU), false for the linear output layer.</summary>
    public bool HasRelu { get; }

    /// <summary>The weight, <c>[out, in]</c>.</summary>
    public Parameter Weight { get; }

    /// <summary>The bias, <c>[out]</c>.</summary>
    public Parameter Bias { get; }

    /// <summary>The last forward pass's output (after the activation), <c>[batch, out]</c>, kept for the backward pass.</summary>
    internal float[] Output { get; }

    /// <summary>The last forward pass's output for <paramref name="batch"/> rows.</summary>
    public ReadOnlySpan<float> OutputOf(int batch) => Output.AsSpan(0, batch * OutputSize);

    /// <summary>Forward: the bias is broadcast into the output and the product added onto it (β = 1), then ReLU in place.</summary>
    internal void Forward(ReadOnlySpan<float> input, int batch)
    {
        Span<float> output = Output.AsSpan(0, batch * OutputSize);
        Kernels.Bias.Broadcast(Bias.Value, output, batch);
        Gemm.MultiplyTransposeB(batch, OutputSize, InputSize, 1f, input, InputSize, Weight.Value, InputSize, 1f, output, OutputSize);
        if (HasRelu)
            Activations.Relu(output, output);
    }

    /// <summary>
    /// Backward from <paramref name="dOutput"/> (the gradient after the activation has been undone by the caller):
    /// <c>dWeight = dOutputᵀ·x</c>, <c>dBias = Σ_rows dOutput</c>, and <c>dInput = dOutput·W</c> unless
    /// <paramref name="dInput"/> is empty (the first layer needs none). Gradients are overwritten, not accumulated.
    /// </summary>
    internal void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> dOutput, Span<float> dInput, int batch)
    {
        Gemm.MultiplyTransposeA(OutputSize, InputSize, batch, 1f, dOutput, OutputSize, input, InputSize, 0f, Weight.Gradient, InputSize);
        Kernels.Bias.Backward(dOutput, batch, Bias.Gradient);
        if (!dInput.IsEmpty)
            Gemm.Multiply(batch, InputSize, OutputSize, 1f, dOutput, OutputSize, Weight.Value, InputSize, 0f, dInput, InputSize);
    }
}
