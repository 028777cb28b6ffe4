using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Simd.Optimizers;

/// <summary>
/// SGD's element-wise update of one parameter tensor, in place, fused into one pass over memory. Every element goes
/// through the same float32 operations in the same order as <c>UpdateReference</c>, so the result is bit-identical
/// on every vector width.
/// </summary>
public static partial class SgdKernel
{
    /// <summary>Updates <paramref name="param"/> and <paramref name="momentumBuffer"/> in place from <paramref name="grad"/>.</summary>
    /// <param name="param">The parameter p.</param>
    /// <param name="grad">Its gradient g, same length.</param>
    /// <param name="momentumBuffer">The momentum buffer b, same length; ignored (and may be empty) without momentum.</param>
    /// <param name="scalars">The scalars of this step.</param>
    /// <exception cref="ArgumentException">A span's length differs from <paramref name="param"/>'s.</exception>
    public static void Update(Span<float> param, ReadOnlySpan<float> grad, Span<float> momentumBuffer, in SgdScalars scalars) =>
        Update(param, grad, [], momentumBuffer, scalars, SimdCapabilities.Widest);

    /// <summary>As the other overload, with the gradient of every element <paramref name="mask"/> does not keep taken as zero.</summary>
    /// <param name="param">The parameter p.</param>
    /// <param name="grad">Its gradient g, same length; not written.</param>
    /// <param name="mask">The elements whose gradient counts, as long as <paramref name="param"/>; null for all.</param>
    /// <param name="momentumBuffer">The momentum buffer b, as in the other overload.</param>
    /// <param name="scalars">The scalars of this step.</param>
    /// <exception cref="ArgumentException">A span's length differs from <paramref name="param"/>'s, or the mask covers another number of elements.</exception>
    public static void Update(Span<float> param, ReadOnlySpan<float> grad, GradientMask? mask, Span<float> momentumBuffer, in SgdScalars scalars) =>
        Update(param, grad, GradientMask.LanesFor(mask, param.Length), momentumBuffer, scalars, SimdCapabilities.Widest);

    /// <summary>As the public overload, on the given path (tests force each one).</summary>
    internal static void Update(Span<float> param, ReadOnlySpan<float> grad, ReadOnlySpan<sbyte> mask, Span<float> momentumBuffer, in SgdScalars scalars, SimdWidth width)
    {
        if (grad.Length != param.Length)
            throw new ArgumentException($"length {grad.Length}, expected {param.Length} as param", nameof(grad));
        if (!mask.IsEmpty && mask.Length != param.Length)
            throw new ArgumentException($"the gradient mask covers {mask.Length} elements, expected {param.Length} as param", nameof(mask));
        if (scalars.HasMomentum && momentumBuffer.Length != param.Length)
            throw new ArgumentException($"length {momentumBuffer.Length}, expected {param.Length} as param", nameof(momentumBuffer));

        // Each width takes the whole vectors it can and leaves the rest to the next narrower one. No overlapping last
        // vector: the update is in place, so an overlap would update some elements twice.
        int done = 0;
        if (width >= SimdWidth.Vector512)
            done = Update512(param, grad, mask, momentumBuffer, scalars, done);
        if (width >= SimdWidth.Vector256)
            done = Update256(param, grad, mask, momentumBuffer, scalars, done);
        if (width >= SimdWidth.Vector128)
            done = Update128(param, grad, mask, momentumBuffer, scalars, done);
        UpdateReference(param, grad, mask, momentumBuffer, scalars, done);
    }

    private static int Update512(Span<float> param, ReadOnlySpan<float> grad, ReadOnlySpan<sbyte> keepLanes, Span<float> momentumBuffer, in SgdScalars s, int start)
    {
        ref float p0 = ref MemoryMarshal.GetReference(param);
        ref float g0 = ref MemoryMarshal.GetReference(grad);
        ref sbyte k0 = ref MemoryMarshal.GetReference(keepLanes);
        ref float b0 = ref MemoryMarshal.GetReference(momentumBuffer);
        bool masked = !keepLanes.IsEmpty, addDecay = s.HasWeightDecay, hasMomentum = s.HasMomentum, isFirstStep = s.IsFirstStep, nesterov = s.Nesterov;
        Vector512<float> weightDecay = Vector512.Create(s.WeightDecay), momentum = Vector512.Create(s.Momentum);
        Vector512<float> oneMinusDampening = Vector512.Create(s.OneMinusDampening);
        Vector512<float> negativeLearningRate = Vector512.Create(s.NegativeLearningRate);
        int i = start;
        for (; i <= param.Length - Vector512<float>.Count; i += Vector512<float>.Count)
        {
            nuint at = (nuint)i;
            Vector512<float> g = Vector512.LoadUnsafe(ref g0, at), p = Vector512.LoadUnsafe(ref p0, at);
            if (masked)
                g &= GradientMask.Lanes512(ref k0, at);
            if (addDecay)
                g = Vector512.FusedMultiplyAdd(p, weightDecay, g);
            if (hasMomentum)
            {
                Vector512<float> buffer = isFirstStep
                    ? g
                    : Vector512.FusedMultiplyAdd(g, oneMinusDampening, Vector512.LoadUnsafe(ref b0, at) * momentum);
                buffer.StoreUnsafe(ref b0, at);
                g = nesterov ? Vector512.FusedMultiplyAdd(buffer, momentum, g) : buffer;
            }

            Vector512.FusedMultiplyAdd(g, negativeLearningRate, p).StoreUnsafe(ref p0, at);
        }

        return i;
    }

    private static int Update256(Span<float> param, ReadOnlySpan<float> grad, ReadOnlySpan<sbyte> keepLanes, Span<float> momentumBuffer, in SgdScalars s, int start)
    {
        ref float p0 = ref MemoryMarshal.GetReference(param);
        ref float g0 = ref MemoryMarshal.GetReference(grad);
        ref sbyte k0 = ref MemoryMarshal.GetReference(keepLanes);
        ref float b0 = ref MemoryMarshal.GetReference(momentumBuffer);
        bool masked = !keepLanes.IsEmpty, addDecay = s.HasWeightDecay, hasMomentum = s.HasMomentum, isFirstStep = s.IsFirstStep, nesterov = s.Nesterov;
        Vector256<float> weightDecay = Vector256.Create(s.WeightDecay), momentum = Vector256.Create(s.Momentum);
        Vector256<float> oneMinusDampening = Vector256.Create(s.OneMinusDampening);
        Vector256<float> negativeLearningRate = Vector256.Create(s.NegativeLearningRate);
        int i = start;
        for (; i <= param.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            nuint at = (nuint)i;
            Vector256<float> g = Vector256.LoadUnsafe(ref g0, at), p = Vector256.LoadUnsafe(ref p0, at);
            if (masked)
                g &= GradientMask.Lanes256(ref k0, at);
            if (addDecay)
                g = Vector256.FusedMultiplyAdd(p, weightDecay, g);
            if (hasMomentum)
            {
                Vector256<float> buffer = isFirstStep
                    ? g
                    : Vector256.FusedMultiplyAdd(g, oneMinusDampening, Vector256.LoadUnsafe(ref b0, at) * momentum);
                buffer.StoreUnsafe(ref b0, at);
                g = nesterov ? Vector256.FusedMultiplyAdd(buffer, momentum, g) : buffer;
            }

            Vector256.FusedMultiplyAdd(g, negativeLearningRate, p).StoreUnsafe(ref p0, at);
        }

        return i;
    }

    private static int Update128(Span<float> param, ReadOnlySpan<float> grad, ReadOnlySpan<sbyte> keepLanes, Span<float> momentumBuffer, in SgdScalars s, int start)
    {
        ref float p0 = ref MemoryMarshal.GetReference(param);
        ref float g0 = ref MemoryMarshal.GetReference(grad);
        ref sbyte k0 = ref MemoryMarshal.GetReference(keepLanes);
        ref float b0 = ref MemoryMarshal.GetReference(momentumBuffer);
        bool masked = !keepLanes.IsEmpty, addDecay = s.HasWeightDecay, hasMomentum = s.HasMomentum, isFirstStep = s.IsFirstStep, nesterov = s.Nesterov;
        Vector128<float> weightDecay = Vector128.Create(s.WeightDecay), momentum = Vector128.Create(s.Momentum);
        Vector128<float> oneMinusDampening = Vector128.Create(s.OneMinusDampening);
        Vector128<float> negativeLearningRate = Vector128.Create(s.NegativeLearningRate);
        int i = start;
        for (; i <= param.Length - Vector128<float>.Count; i += Vector128<float>.Count)
        {
            nuint at = (nuint)i;
            Vector128<float> g = Vector128.LoadUnsafe(ref g0, at), p = Vector128.LoadUnsafe(ref p0, at);
            if (masked)
                g &= GradientMask.Lanes128(ref k0, at);
            if (addDecay)
                g = Vector128.FusedMultiplyAdd(p, weightDecay, g);
            if (hasMomentum)
            {
                Vector128<float> buffer = isFirstStep
                    ? g
                    : Vector128.FusedMultiplyAdd(g, oneMinusDampening, Vector128.LoadUnsafe(ref b0, at) * momentum);
                buffer.StoreUnsafe(ref b0, at);
                g = nesterov ? Vector128.FusedMultiplyAdd(buffer, momentum, g) : buffer;
            }

            Vector128.FusedMultiplyAdd(g, negativeLearningRate, p).StoreUnsafe(ref p0, at);
        }

        return i;
    }
}
