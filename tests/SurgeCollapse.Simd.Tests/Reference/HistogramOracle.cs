namespace SurgeCollapse.Simd.Tests.Reference;

/// <summary>
/// Histograms and entropies written from the spec, not from the engine's code: the bin is libtorch's histc expression
/// as it stands in aten/src/ATen/native/cpu/HistogramKernel.cpp, the entropy is summed in another form.
/// </summary>
internal static class HistogramOracle
{
    /// <summary>
    /// libtorch: <c>pos = static_cast&lt;int64_t&gt;((elt - leftmost_edge) * (num_bin_edges - 1) / (rightmost_edge -
    /// leftmost_edge))</c> with float operands, then <c>if (pos == num_bin_edges - 1) pos -= 1</c>. Torch drops values
    /// outside the range; SPEC §5 clamps them into the edge bins. A zero range has only values equal to max: last bin.
    /// </summary>
    public static int Bin(float x, float low, float high, int bins)
    {
        if (x < low)
            return 0;
        if (x > high || low == high)
            return bins - 1;
        long position = (long)((x - low) * (long)bins / (high - low));
        if (position == bins)
            position--;
        if (position < 0 || position >= bins)
            throw new InvalidOperationException($"torch's rule gave bin {position} of {bins} for {x:R} in [{low:R}, {high:R}]");
        return (int)position;
    }

    /// <summary>Counts of the finite values (NaN and ±∞ are not counted).</summary>
    public static int[] Counts(ReadOnlySpan<float> values, float low, float high, int bins, Func<float, bool>? include = null)
    {
        var counts = new int[bins];
        foreach (float x in values)
        {
            if (float.IsFinite(x) && (include is null || include(x)))
                counts[Bin(x, low, high, bins)]++;
        }

        return counts;
    }

    /// <summary>[min, max] of the finite values, found by sorting a copy.</summary>
    public static (float Min, float Max) FiniteRange(ReadOnlySpan<float> values, Func<float, bool>? include = null)
    {
        float[] finite = values.ToArray().Where(x => float.IsFinite(x) && (include is null || include(x))).Order().ToArray();
        return finite.Length == 0 ? (float.PositiveInfinity, float.NegativeInfinity) : (finite[0], finite[^1]);
    }

    /// <summary>H = ln N − (1/N) Σ c ln c in nats: the same quantity as −Σ p ln p, summed another way.</summary>
    public static double EntropyNats(int[] counts)
    {
        long total = counts.Sum(c => (long)c);
        if (total == 0)
            return 0;
        double sum = counts.Where(c => c > 0).Sum(c => c * Math.Log(c));
        return Math.Log(total) - sum / total;
    }
}
