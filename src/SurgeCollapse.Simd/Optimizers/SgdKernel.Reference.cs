namespace SurgeCollapse.Simd.Optimizers;

public static partial class SgdKernel
{
    /// <summary>
    /// The readable specification, one element at a time: torch.optim.SGD's algorithm
    /// (https://pytorch.org/docs/stable/generated/torch.optim.SGD.html) as libtorch's tensor ops round it to float32;
    /// its vectorised <c>add(x, alpha)</c> is a fused multiply-add. Also the tail of
    /// <see cref="Update(Span{float}, ReadOnlySpan{float}, Span{float}, in SgdScalars)"/>.
    /// Updates the elements from <paramref name="start"/> on; the caller checks the lengths (no keep lanes: no mask), and
    /// <paramref name="momentumBuffer"/> is only read with a momentum.
    /// </summary>
    internal static void UpdateReference(Span<float> param, ReadOnlySpan<float> grad, ReadOnlySpan<sbyte> keepLanes, Span<float> momentumBuffer, in SgdScalars s, int start = 0)
    {
        for (int i = start; i < param.Length; i++)
        {
            float g = keepLanes.IsEmpty || keepLanes[i] != 0 ? grad[i] : 0f, p = param[i]; // a pruned weight's g is 0
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
