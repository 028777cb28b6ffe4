using System.Numerics;
using System.Numerics.Tensors;

namespace SurgeCollapse.Simd.Sparsity;

/// <summary>
/// Two adjacent order statistics of a large set — what a quantile needs — by sampling (Floyd &amp; Rivest 1975): a
/// sample of the values brackets the wanted ranks between two of its values lo ≤ hi; one vectorised pass
/// counts the values below lo, at most lo and at most hi; a second pass gathers the few values in (lo, hi], and only
/// those go through quickselect. Quickselect over every value mispredicts a branch per comparison on random data;
/// the counting pass has no branch at all.
/// </summary>
internal static partial class Selection
{
    /// <summary>Below this size plain quickselect is as fast.</summary>
    private const int SampledMinimum = 4096;

    /// <summary>Values sampled: selecting in 512 costs a few µs and brackets a rank within ≈ ±5 % of n.</summary>
    private const int SampleSize = 512;

    /// <summary>Sample ranks kept on each side of the wanted one: ≈ 3 standard deviations of its rank in the sample.</summary>
    private const int Margin = 36;

    /// <summary>
    /// The values of 0-based ranks <paramref name="below"/> and <paramref name="above"/> (= below or below + 1) in
    /// ascending order. Reorders <paramref name="values"/>; NaN must have been excluded by the caller.
    /// </summary>
    public static (float Below, float Above) SelectPair(Span<float> values, int below, int above)
    {
        if (values.Length >= SampledMinimum && TrySelectBracketed(values, below, above, out float x, out float y))
            return (x, y);
        x = Select(values, below);
        // Select leaves everything after rank `below` at least as large, so rank `above` is their minimum.
        return (x, above == below ? x : TensorPrimitives.Min(values[(below + 1)..]));
    }

    private static bool TrySelectBracketed(Span<float> values, int below, int above, out float x, out float y)
    {
        int n = values.Length;
        Span<float> sample = stackalloc float[SampleSize];
        for (int j = 0; j < SampleSize; j++)
            sample[j] = values[(int)((long)j * n / SampleSize + n / (2 * SampleSize))];
        int center = (int)((long)below * SampleSize / n);
        int loRank = Math.Max(0, center - Margin), hiRank = Math.Min(SampleSize - 1, center + 1 + Margin);
        // Two selections, not a sort: Span.Sort allocates under NativeAOT, and only these two ranks matter.
        float lo = Select(sample, loRank);
        float hi = loRank == hiRank ? lo : Select(sample[(loRank + 1)..], hiRank - loRank - 1);

        (int less, int atMostLo, int atMostHi) = CountAround(values, lo, hi);
        (x, y) = (lo, lo);
        // Ranks [less, atMostLo) hold lo itself (often a large tie, such as the zeros of a pruned tensor);
        // ranks [atMostLo, atMostHi) hold the values in (lo, hi]. Anything else: the sample missed, start over.
        if (below < less || above >= atMostHi)
            return false;
        if (above < atMostLo)
            return true;

        Span<float> inside = values[..GatherAbove(values, lo, hi)];
        if (below < atMostLo)
        {
            y = TensorPrimitives.Min(inside); // rank atMostLo is the smallest value above lo
            return true;
        }

        x = Select(inside, below - atMostLo);
        y = above == below ? x : TensorPrimitives.Min(inside[(below - atMostLo + 1)..]);
        return true;
    }

    /// <summary>How many values are &lt; lo, ≤ lo and ≤ hi: compares summed as integer masks, no branch.</summary>
    private static (int Less, int AtMostLo, int AtMostHi) CountAround(ReadOnlySpan<float> values, float lo, float hi)
    {
        int i = 0, less = 0, atMostLo = 0, atMostHi = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<float> vlo = new(lo), vhi = new(hi);
            Vector<int> l = Vector<int>.Zero, ml = Vector<int>.Zero, mh = Vector<int>.Zero;
            for (; i + Vector<float>.Count <= values.Length; i += Vector<float>.Count)
            {
                var v = new Vector<float>(values[i..]);
                // A true lane is −1 as an integer: subtracting the masks counts.
                l -= Vector.LessThan(v, vlo);
                ml -= Vector.LessThanOrEqual(v, vlo);
                mh -= Vector.LessThanOrEqual(v, vhi);
            }

            (less, atMostLo, atMostHi) = (Vector.Sum(l), Vector.Sum(ml), Vector.Sum(mh));
        }

        for (; i < values.Length; i++)
        {
            float v = values[i];
            less += v < lo ? 1 : 0;
            atMostLo += v <= lo ? 1 : 0;
            atMostHi += v <= hi ? 1 : 0;
        }

        return (less, atMostLo, atMostHi);
    }

    /// <summary>Moves the values in (lo, hi] to the front, in place (the write index never passes the read index), and returns how many.</summary>
    private static int GatherAbove(Span<float> values, float lo, float hi)
    {
        int count = 0;
        for (int i = 0; i < values.Length; i++)
        {
            float v = values[i];
            values[count] = v;
            count += (v > lo) & (v <= hi) ? 1 : 0;
        }

        return count;
    }
}
