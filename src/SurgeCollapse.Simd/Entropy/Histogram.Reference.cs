namespace SurgeCollapse.Simd.Entropy;

public static partial class Histogram
{
    /// <summary>The readable specification of <see cref="Summarize(ReadOnlySpan{float})"/>, one value at a time; also its tail.</summary>
    internal static ValueSummary SummarizeReference(ReadOnlySpan<float> values)
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity, minPositive = float.PositiveInfinity;
        int finite = 0, zeros = 0, positive = 0;
        foreach (float value in values)
        {
            if (!float.IsFinite(value))
                continue;
            finite++;
            min = MathF.Min(min, value);
            max = MathF.Max(max, value);
            if (value == 0f)
                zeros++;
            else if (value > 0f)
            {
                positive++;
                minPositive = MathF.Min(minPositive, value);
            }
        }

        return new(min, max, minPositive, finite, zeros, positive);
    }

    /// <summary>
    /// The readable specification of <see cref="Count(ReadOnlySpan{float}, float, float, Span{int})"/>, adding to
    /// <paramref name="counts"/>; also its path for a zero-width range.
    /// </summary>
    internal static void CountReference(ReadOnlySpan<float> values, float low, float high, Span<int> counts)
    {
        foreach (float value in values)
        {
            if (float.IsFinite(value))
                counts[Bin(value, low, high, counts.Length)]++;
        }
    }

    /// <summary>
    /// The readable specification of <see cref="CountWithPositivePart"/>, adding to both histograms (the zeros, packed
    /// out, are added apart); also its path for a zero-width range.
    /// </summary>
    internal static void CountWithPositivePartReference(ReadOnlySpan<float> values, float low, float high, float positiveLow, float positiveHigh,
        Span<int> counts, Span<int> positiveCounts)
    {
        foreach (float value in values)
        {
            if (!float.IsFinite(value))
                continue;
            counts[Bin(value, low, high, counts.Length)]++;
            if (value > 0f)
                positiveCounts[Bin(value, positiveLow, positiveHigh, positiveCounts.Length)]++;
        }
    }
}
