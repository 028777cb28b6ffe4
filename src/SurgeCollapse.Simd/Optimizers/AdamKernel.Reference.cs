namespace SurgeCollapse.Simd.Optimizers;

public static partial class AdamKernel
{
    /// <summary>
    /// The readable specification, one element at a time: libtorch's Adam (torch/csrc/api/src/optim/adam.cpp,
    /// AdamW in adamw.cpp) as each of its tensor ops rounds to float32. Its vectorised <c>add_(x, alpha)</c> and
    /// <c>addcmul_</c> are fused multiply-adds; <c>addcdiv_</c> divides, so it has none. Also the tail of
    /// <see cref="Update(Span{float}, ReadOnlySpan{float}, Span{float}, Span{float}, in AdamScalars)"/>.
    /// (Python's torch.optim.Adam updates m with <c>lerp_</c> instead, which can round m differently by an ulp; the
    /// parity data come from libtorch.) Updates the elements from <paramref name="start"/> on; the caller checks the
    /// lengths (no keep lanes: no mask).
    /// </summary>
    internal static void UpdateReference(Span<float> param, ReadOnlySpan<float> grad, ReadOnlySpan<sbyte> keepLanes, Span<float> m, Span<float> v, in AdamScalars s, int start = 0)
    {
        for (int i = start; i < param.Length; i++)
        {
            float g = keepLanes.IsEmpty || keepLanes[i] != 0 ? grad[i] : 0f, p = param[i]; // a pruned weight's g is 0
            if (s.AddsWeightDecayToGradient)
                g = MathF.FusedMultiplyAdd(p, s.WeightDecay, g);             // grad = grad.add(p, weight_decay)
            if (s.ScalesParameter)
                p *= s.ParameterScale;                                       // p.mul_(1 - lr * weight_decay)
            m[i] = MathF.FusedMultiplyAdd(g, s.OneMinusBeta1, m[i] * s.Beta1);      // exp_avg.mul_(β₁).add_(grad, 1 - β₁)
            v[i] = MathF.FusedMultiplyAdd(s.OneMinusBeta2 * g, g, v[i] * s.Beta2);  // exp_avg_sq.mul_(β₂).addcmul_(grad, grad, 1 - β₂)
            float denominator = MathF.Sqrt(v[i]) / s.SqrtBiasCorrection2 + s.Epsilon; // (exp_avg_sq.sqrt() / sqrt(bc2)).add_(eps)
            param[i] = p + s.NegativeStepSize * m[i] / denominator;                // p.addcdiv_(exp_avg, denom, -step_size)
        }
    }
}
