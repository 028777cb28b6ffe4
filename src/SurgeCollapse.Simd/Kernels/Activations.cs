using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace SurgeCollapse.Simd.Kernels;

/// <summary>ReLU forward and backward, side by side.</summary>
public static class Activations
{
    /// <summary><c>y = max(x, 0)</c>; <paramref name="output"/> may be <paramref name="input"/>.</summary>
    public static void Relu(ReadOnlySpan<float> input, Span<float> output) => TensorPrimitives.Max(input, 0f, output);

    /// <summary>
    /// <c>dInput = output &gt; 0 ? dOutput : 0</c>, from the forward pass's output (positive exactly where the input
    /// was), as PyTorch's <c>threshold_backward</c>; <paramref name="dInput"/> may be <paramref name="dOutput"/>.
    /// </summary>
    public static void ReluBackward(ReadOnlySpan<float> output, ReadOnlySpan<float> dOutput, Span<float> dInput) =>
        ReluBackward(output, dOutput, dInput, SimdCapabilities.Widest);

    internal static void ReluBackward(ReadOnlySpan<float> output, ReadOnlySpan<float> dOutput, Span<float> dInput, SimdWidth width) =>
        Elementwise.Binary<ReluBackwardOperator>(output, dOutput, dInput, width);

    internal static float ReluBackwardReference(float output, float dOutput) => output > 0f ? dOutput : 0f;

    private readonly struct ReluBackwardOperator : IBinaryOperator
    {
        public static float Invoke(float x, float y) => ReluBackwardReference(x, y);
        public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => Vector128.GreaterThan(x, Vector128<float>.Zero) & y;
        public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.GreaterThan(x, Vector256<float>.Zero) & y;
        public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.GreaterThan(x, Vector512<float>.Zero) & y;
    }
}
