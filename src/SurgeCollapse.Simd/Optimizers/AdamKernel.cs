using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Simd.Optimizers;

/// <summary>
/// Adam's element-wise update of one parameter tensor, in place, fused into one pass over memory. Every element
/// goes through the same float32 operations in the same order as in libtorch (see <c>UpdateReference</c>), so the
/// result is bit-identical on every vector width.
/// </summary>
public static partial class AdamKernel
{
    /// <summary>Updates <paramref name="param"/>, <paramref name="m"/> and <paramref name="v"/> in place from <paramref name="grad"/>.</summary>
    /// <param name="param">The parameter p.</param>
    /// <param name="grad">Its gradient g, same length.</param>
    /// <param name="m">The first moment (PyTorch's <c>exp_avg</c>), same length.</param>
    /// <param name="v">The second moment (PyTorch's <c>exp_avg_sq</c>), same length.</param>
    /// <param name="scalars">The scalars of this step.</param>
    /// <exception cref="ArgumentException">A span's length differs from <paramref name="param"/>'s.</exception>
    public static void Update(Span<float> param, ReadOnlySpan<float> grad, Span<float> m, Span<float> v, in AdamScalars scalars) =>
        Update(param, grad, [], m, v, scalars, SimdCapabilities.Widest);

    /// <summary>As the other overload, with the gradient of every element <paramref name="mask"/> does not keep taken as zero.</summary>
    /// <param name="param">The parameter p.</param>
    /// <param name="grad">Its gradient g, same length; not written.</param>
    /// <param name="mask">The elements whose gradient counts, as long as <paramref name="param"/>; null for all.</param>
    /// <param name="m">The first moment, same length.</param>
    /// <param name="v">The second moment, same length.</param>
    /// <param name="scalars">The scalars of this step.</param>
    /// <exception cref="ArgumentException">A span's length differs from <paramref name="param"/>'s, or the mask covers another number of elements.</exception>
    public static void Update(Span<float> param, ReadOnlySpan<float> grad, GradientMask? mask, Span<float> m, Span<float> v, in AdamScalars scalars) =>
        Update(param, grad, GradientMask.LanesFor(mask, param.Length), m, v, scalars, SimdCapabilities.Widest);

    /// <summary>As the public overload, on the given path (tests force each one).</summary>
    internal static void Update(Span<float> param, ReadOnlySpan<float> grad, ReadOnlySpan<sbyte> mask, Span<float> m, Span<float> v, in AdamScalars scalars, SimdWidth width)
    {
        if (grad.Length != param.Length)
            throw new ArgumentException($"length {grad.Length}, expected {param.Length} as param", nameof(grad));
        if (!mask.IsEmpty && mask.Length != param.Length)
            throw new ArgumentException($"the gradient mask covers {mask.Length} elements, expected {param.Length} as param", nameof(mask));
        if (m.Length != param.Length)
            throw new ArgumentException($"length {m.Length}, expected {param.Length} as param", nameof(m));
        if (v.Length != param.Length)
            throw new ArgumentException($"length {v.Length}, expected {param.Length} as param", nameof(v));

        // Each width takes the whole vectors it can and leaves the rest to the next narrower one. No overlapping last
        // vector: the update is in place, so an overlap would update some elements twice.
        int done = 0;
        if (width >= SimdWidth.Vector512)
            done = Update512(param, grad, mask, m, v, scalars, done);
        if (width >= SimdWidth.Vector256)
            done = Update256(param, grad, mask, m, v, scalars, done);
        if (width >= SimdWidth.Vector128)
            done = Update128(param, grad, mask, m, v, scalars, done);
        UpdateReference(param, grad, mask, m, v, scalars, done);
    }

    private static int Update512(Span<float> param, ReadOnlySpan<float> grad, ReadOnlySpan<sbyte> keepLanes, Span<float> m, Span<float> v, in AdamScalars s, int start)
    {
        ref float p0 = ref MemoryMarshal.GetReference(param);
        ref float g0 = ref MemoryMarshal.GetReference(grad);
        ref sbyte k0 = ref MemoryMarshal.GetReference(keepLanes);
        ref float m0 = ref MemoryMarshal.GetReference(m);
        ref float v0 = ref MemoryMarshal.GetReference(v);
        bool masked = !keepLanes.IsEmpty, addDecay = s.AddsWeightDecayToGradient, scaleParameter = s.ScalesParameter;
        Vector512<float> weightDecay = Vector512.Create(s.WeightDecay), parameterScale = Vector512.Create(s.ParameterScale);
        Vector512<float> beta1 = Vector512.Create(s.Beta1), oneMinusBeta1 = Vector512.Create(s.OneMinusBeta1);
        Vector512<float> beta2 = Vector512.Create(s.Beta2), oneMinusBeta2 = Vector512.Create(s.OneMinusBeta2);
        Vector512<float> sqrtBiasCorrection2 = Vector512.Create(s.SqrtBiasCorrection2), epsilon = Vector512.Create(s.Epsilon);
        Vector512<float> negativeStepSize = Vector512.Create(s.NegativeStepSize);
        int i = start;
        for (; i <= param.Length - Vector512<float>.Count; i += Vector512<float>.Count)
        {
            nuint at = (nuint)i;
            Vector512<float> g = Vector512.LoadUnsafe(ref g0, at), p = Vector512.LoadUnsafe(ref p0, at);
            if (masked)
                g &= GradientMask.Lanes512(ref k0, at);
            if (addDecay)
                g = Vector512.FusedMultiplyAdd(p, weightDecay, g);
            if (scaleParameter)
                p *= parameterScale;
            Vector512<float> mNew = Vector512.FusedMultiplyAdd(g, oneMinusBeta1, Vector512.LoadUnsafe(ref m0, at) * beta1);
            Vector512<float> vNew = Vector512.FusedMultiplyAdd(oneMinusBeta2 * g, g, Vector512.LoadUnsafe(ref v0, at) * beta2);
            Vector512<float> denominator = Vector512.Sqrt(vNew) / sqrtBiasCorrection2 + epsilon;
            mNew.StoreUnsafe(ref m0, at);
            vNew.StoreUnsafe(ref v0, at);
            (p + negativeStepSize * mNew / denominator).StoreUnsafe(ref p0, at);
        }

        return i;
    }

    private static int Update256(Span<float> param, ReadOnlySpan<float> grad, ReadOnlySpan<sbyte> keepLanes, Span<float> m, Span<float> v, in AdamScalars s, int start)
    {
        ref float p0 = ref MemoryMarshal.GetReference(param);
        ref float g0 = ref MemoryMarshal.GetReference(grad);
        ref sbyte k0 = ref MemoryMarshal.GetReference(keepLanes);
        ref float m0 = ref MemoryMarshal.GetReference(m);
        ref float v0 = ref MemoryMarshal.GetReference(v);
        bool masked = !keepLanes.IsEmpty, addDecay = s.AddsWeightDecayToGradient, scaleParameter = s.ScalesParameter;
        Vector256<float> weightDecay = Vector256.Create(s.WeightDecay), parameterScale = Vector256.Create(s.ParameterScale);
        Vector256<float> beta1 = Vector256.Create(s.Beta1), oneMinusBeta1 = Vector256.Create(s.OneMinusBeta1);
        Vector256<float> beta2 = Vector256.Create(s.Beta2), oneMinusBeta2 = Vector256.Create(s.OneMinusBeta2);
        Vector256<float> sqrtBiasCorrection2 = Vector256.Create(s.SqrtBiasCorrection2), epsilon = Vector256.Create(s.Epsilon);
        Vector256<float> negativeStepSize = Vector256.Create(s.NegativeStepSize);
        int i = start;
        for (; i <= param.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            nuint at = (nuint)i;
            Vector256<float> g = Vector256.LoadUnsafe(ref g0, at), p = Vector256.LoadUnsafe(ref p0, at);
            if (masked)
                g &= GradientMask.Lanes256(ref k0, at);
            if (addDecay)
                g = Vector256.FusedMultiplyAdd(p, weightDecay, g);
            if (scaleParameter)
                p *= parameterScale;
            Vector256<float> mNew = Vector256.FusedMultiplyAdd(g, oneMinusBeta1, Vector256.LoadUnsafe(ref m0, at) * beta1);
            Vector256<float> vNew = Vector256.FusedMultiplyAdd(oneMinusBeta2 * g, g, Vector256.LoadUnsafe(ref v0, at) * beta2);
            Vector256<float> denominator = Vector256.Sqrt(vNew) / sqrtBiasCorrection2 + epsilon;
            mNew.StoreUnsafe(ref m0, at);
            vNew.StoreUnsafe(ref v0, at);
            (p + negativeStepSize * mNew / denominator).StoreUnsafe(ref p0, at);
        }

        return i;
    }

    private static int Update128(Span<float> param, ReadOnlySpan<float> grad, ReadOnlySpan<sbyte> keepLanes, Span<float> m, Span<float> v, in AdamScalars s, int start)
    {
        ref float p0 = ref MemoryMarshal.GetReference(param);
        ref float g0 = ref MemoryMarshal.GetReference(grad);
        ref sbyte k0 = ref MemoryMarshal.GetReference(keepLanes);
        ref float m0 = ref MemoryMarshal.GetReference(m);
        ref float v0 = ref MemoryMarshal.GetReference(v);
        bool masked = !keepLanes.IsEmpty, addDecay = s.AddsWeightDecayToGradient, scaleParameter = s.ScalesParameter;
        Vector128<float> weightDecay = Vector128.Create(s.WeightDecay), parameterScale = Vector128.Create(s.ParameterScale);
        Vector128<float> beta1 = Vector128.Create(s.Beta1), oneMinusBeta1 = Vector128.Create(s.OneMinusBeta1);
        Vector128<float> beta2 = Vector128.Create(s.Beta2), oneMinusBeta2 = Vector128.Create(s.OneMinusBeta2);
        Vector128<float> sqrtBiasCorrection2 = Vector128.Create(s.SqrtBiasCorrection2), epsilon = Vector128.Create(s.Epsilon);
        Vector128<float> negativeStepSize = Vector128.Create(s.NegativeStepSize);
        int i = start;
        for (; i <= param.Length - Vector128<float>.Count; i += Vector128<float>.Count)
        {
            nuint at = (nuint)i;
            Vector128<float> g = Vector128.LoadUnsafe(ref g0, at), p = Vector128.LoadUnsafe(ref p0, at);
            if (masked)
                g &= GradientMask.Lanes128(ref k0, at);
            if (addDecay)
                g = Vector128.FusedMultiplyAdd(p, weightDecay, g);
            if (scaleParameter)
                p *= parameterScale;
            Vector128<float> mNew = Vector128.FusedMultiplyAdd(g, oneMinusBeta1, Vector128.LoadUnsafe(ref m0, at) * beta1);
            Vector128<float> vNew = Vector128.FusedMultiplyAdd(oneMinusBeta2 * g, g, Vector128.LoadUnsafe(ref v0, at) * beta2);
            Vector128<float> denominator = Vector128.Sqrt(vNew) / sqrtBiasCorrection2 + epsilon;
            mNew.StoreUnsafe(ref m0, at);
            vNew.StoreUnsafe(ref v0, at);
            (p + negativeStepSize * mNew / denominator).StoreUnsafe(ref p0, at);
        }

        return i;
    }
}
