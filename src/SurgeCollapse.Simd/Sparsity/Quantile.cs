using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SurgeCollapse.Simd.Sparsity;

/// <summary>The quantile of a set of values exactly as <c>torch.quantile</c> computes it in float32, found by selection.</summary>
public static class Quantile
{
    /// <summary>
    /// The <paramref name="q"/>-quantile of <paramref name="values"/> (linear interpolation between order statistics),
    /// reordering <paramref name="values"/> in place. libtorch's float32 recipe (SPEC §3, verified against
    /// <c>torch.quantile</c>): rank = q·(n − 1) in float32, below = ⌊rank⌋, above = ⌈rank⌉, weight = rank − below;
    /// with x, y the values of rank below and above, the result is fma(weight, y − x, x) when weight &lt; 0.5, else
    /// fma(weight − 1, y − x, y) (the two halves of <c>torch.lerp</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The set is empty or holds NaN.</exception>
    public static float Of(Span<float> values, float q)
    {
        Check(values, q);
        (int below, int above, float weight) = Ranks(values.Length, q);
        (float x, float y) = Selection.SelectPair(values, below, above);
        return Interpolate(x, y, weight);
    }

    /// <summary>
    /// <see cref="Of"/> for magnitudes (every value ≥ 0, zeros +0), as a collapse has them: bit for bit the same result,
    /// but when the rank falls among the zeros — a tensor collapsed before holds exactly as many zeros as its last
    /// threshold pruned — a count and a minimum replace the selection.
    /// </summary>
    /// <exception cref="ArgumentException">The set is empty or holds NaN.</exception>
    internal static float OfMagnitudes(Span<float> magnitudes, float q)
    {
        Check(magnitudes, q);
        (int below, int above, float weight) = Ranks(magnitudes.Length, q);
        int zeros = Kernels.Reductions.CountZeros(magnitudes);
        (float x, float y) = above < zeros ? (0f, 0f) // both order statistics are zeros
            : below < zeros ? (0f, MinPositive(magnitudes)) // rank below is the last zero, rank above the smallest positive value
            : Selection.SelectPair(magnitudes, below, above);
        return Interpolate(x, y, weight);
    }

    /// <summary>The same quantile from values already sorted ascending: the readable specification, used by the tests.</summary>
    internal static float OfSorted(ReadOnlySpan<float> sorted, float q)
    {
        (int below, int above, float weight) = Ranks(sorted.Length, q);
        return Interpolate(sorted[below], sorted[above], weight);
    }

    /// <summary>The order statistics around libtorch's float32 rank q·(n − 1), and the weight of the upper one.</summary>
    private static (int Below, int Above, float Weight) Ranks(int count, float q)
    {
        float rank = q * (count - 1);
        int below = (int)MathF.Floor(rank);
        return (below, (int)MathF.Ceiling(rank), rank - below);
    }

    private static void Check(ReadOnlySpan<float> values, float q)
    {
        if (values.IsEmpty)
            throw new ArgumentException("the quantile of an empty set is undefined", nameof(values));
        if (!(q >= 0f && q <= 1f))
            throw new ArgumentOutOfRangeException(nameof(q), q, "the quantile must be in [0, 1]");
        // The vectorised sum is NaN whenever a value is (a fast screen); only then look for one.
        if (float.IsNaN(TensorPrimitives.Sum(values)) && HasNaN(values))
            throw new ArgumentException("the values hold NaN", nameof(values));
    }

    /// <summary>The smallest value above zero (+∞ when there is none).</summary>
    private static float MinPositive(ReadOnlySpan<float> values)
    {
        Vector256<float> infinity = Vector256.Create(float.PositiveInfinity), min = infinity;
        ref float x0 = ref MemoryMarshal.GetReference(values);
        int i = 0;
        for (; i <= values.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            Vector256<float> x = Vector256.LoadUnsafe(ref x0, (nuint)i);
            min = Vector256.Min(min, Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), x, infinity));
        }

        float result = float.PositiveInfinity;
        for (int lane = 0; lane < Vector256<float>.Count; lane++)
            result = MathF.Min(result, min[lane]);
        for (; i < values.Length; i++)
        {
            if (values[i] > 0f)
                result = MathF.Min(result, values[i]);
        }

        return result;
    }

    private static float Interpolate(float x, float y, float weight) =>
        weight < 0.5f ? MathF.FusedMultiplyAdd(weight, y - x, x) : MathF.FusedMultiplyAdd(weight - 1f, y - x, y);

    private static bool HasNaN(ReadOnlySpan<float> values)
    {
        foreach (float value in values)
        {
            if (float.IsNaN(value))
                return true;
        }

        return false;
    }
}
