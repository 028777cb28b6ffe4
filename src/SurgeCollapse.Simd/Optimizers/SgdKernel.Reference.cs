namespace SurgeCollapse.Simd.Optimizers;

public static partial class SgdKernel
{
    /// <summary>
    /// The readable specification, one element at a time: torch.optim.SGD's algorithm
    /// (https://pytorch.org/docs/stable/generated/torch.optim.SGD.html) as libtorch's tensor ops round it to float32;
    /// its vectorised <c>add(x, alpha)</c> is a fused multiply-add. Also the tail of
    /// <see cref="Update(Span{float}, ReadOnlySpan{float}, Span{float}, in SgdScalars)"/>.
    /// The caller checks the lengths; <paramref name="momentumBuffer"/> is only read with a momentum.
    /// </summary>
    internal static void UpdateReference(Span<float> param, ReadOnlySpan<float> grad, Span<float> momentumBuffer, in SgdScalars s)
    {
        for (int i = 0; i < param.Length; i++)
        {
            float g = grad[i], p = param[i];
            if (s.HasWeightDecay)
                g = MathF.FusedMultiplyAdd(p, s.WeightDecay, g);              // g = g.add(p, alpha=λ)
            if (s.HasMomentum)
            {
                float buffer = s.IsFirstStep
                    ? g                                                       // b = clone(g)
                    : MathF.FusedMultiplyAdd(g, s.OneMinusDampening, momentumBuffer[i] * s.Momentum); // b.mul_(μ).add_(g, alpha=1-τ)
                momentumBuffer[i] = buffer;
                g = s.Nesterov ? MathF.FusedMultiplyAdd(buffer, s.Momentum, g) : buffer; // g = g.add(b, alpha=μ) or b
            }

            param[i] = MathF.FusedMultiplyAdd(g, s.NegativeLearningRate, p);  // p.add_(g, alpha=-lr)
        }
    }
}
