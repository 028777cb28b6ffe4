using FsCheck.Xunit;
using SurgeCollapse.Simd.Entropy;
using SurgeCollapse.Simd.Kernels;
using SurgeCollapse.Simd.Tests.Reference;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Entropy;

/// <summary>
/// The histogram kernels against <see cref="HistogramOracle"/> (libtorch's histc expression in float32) on every
/// instruction-set path. Counts are integers, so they must match exactly.
/// </summary>
public sealed class HistogramTests
{
    private const int Sentinel = -12345;

    [Property(MaxTest = 10)]
    public void Counts_equal_torch_histc_on_every_path_with_the_batch_range(int seed)
    {
        int bins = EntropyData.BinChoices[(seed & int.MaxValue) % EntropyData.BinChoices.Length];
        foreach (DataKind kind in EntropyData.Kinds)
        {
            foreach (int length in EntropyData.Lengths)
            {
                float[] values = EntropyData.Values(kind, length, seed + length);
                (float min, float max) = HistogramOracle.FiniteRange(values);
                if (min > max)
                    continue; // no finite value: no batch range
                // The minimum and the maximum are among the values: they must land in the first and last bins.
                AssertCountsOnEveryPath(values, min, max, bins, $"{kind}, length {length}, batch range [{min:R}, {max:R}]");
            }
        }
    }

    [Property(MaxTest = 10)]
    public void Counts_equal_torch_histc_on_every_path_with_a_fixed_range_clamping_outside_values(int seed)
    {
        int bins = EntropyData.BinChoices[(seed & int.MaxValue) % EntropyData.BinChoices.Length];
        (float low, float high) = EntropyData.FixedRange(seed);
        foreach (DataKind kind in EntropyData.Kinds)
        {
            foreach (int length in EntropyData.Lengths)
            {
                float[] values = EntropyData.Values(kind, length, seed - length);
                AssertCountsOnEveryPath(values, low, high, bins, $"{kind}, length {length}, fixed range [{low:R}, {high:R}]");
            }
        }
    }

    [Property(MaxTest = 10)]
    public void Counts_with_the_positive_part_equal_two_torch_histograms_on_every_path(int seed)
    {
        int bins = EntropyData.BinChoices[(seed & int.MaxValue) % EntropyData.BinChoices.Length];
        foreach (DataKind kind in EntropyData.Kinds)
        {
            foreach (int length in EntropyData.Lengths)
            {
                float[] values = EntropyData.Values(kind, length, seed ^ length);
                (float low, float high) = HistogramOracle.FiniteRange(values);
                (float positiveLow, float positiveHigh) = HistogramOracle.FiniteRange(values, x => x > 0);
                if (low > high)
                    continue;
                if (positiveLow > positiveHigh)
                    (positiveLow, positiveHigh) = (low, high);
                if (length % 3 == 0)
                    (low, high, positiveLow, positiveHigh) = (-0.5f, 0.5f, -0.5f, 0.5f); // a fixed range clamps both
                int[] expected = HistogramOracle.Counts(values, low, high, bins);
                int[] expectedPositive = HistogramOracle.Counts(values, positiveLow, positiveHigh, bins, x => x > 0);
                int expectedZeros = values.Count(x => x == 0f);

                foreach (SimdWidth width in Generators.AllWidths)
                {
                    var counts = new int[bins];
                    var positiveCounts = new int[bins];
                    var pairs = new int[Histogram.PairTableLength(bins)];
                    // Scratch left holding NaN and values of the range: what lies past the packed values must count nothing.
                    float[] packed = [.. Enumerable.Range(0, Histogram.PackedLength(length)).Select(i => i % 2 == 0 ? float.NaN : high)];
                    int kept = Histogram.PackNonZero(values, packed, width, out ValueSummary summary);
                    int zeros = summary.ZeroCount;
                    Histogram.CountWithPositivePart(packed, kept, zeros, low, high, positiveLow, positiveHigh, counts, positiveCounts, pairs, width);
                    string what = $"{kind}, length {length}, {bins} bins, {width}, ranges [{low:R}, {high:R}] and [{positiveLow:R}, {positiveHigh:R}]";
                    Assert.True(expected.AsSpan().SequenceEqual(counts), $"{what}: counts [{string.Join(", ", counts)}], expected [{string.Join(", ", expected)}]");
                    Assert.True(expectedPositive.AsSpan().SequenceEqual(positiveCounts),
                        $"{what}: positive counts [{string.Join(", ", positiveCounts)}], expected [{string.Join(", ", expectedPositive)}]");
                    Assert.Equal(expectedZeros, zeros);
                    Assert.True(pairs.All(cell => cell == 0), $"{what}: the pair table was not left zeroed");
                }
            }
        }
    }

    [Property(MaxTest = 10)]
    public void Packing_keeps_the_finite_non_zero_values_in_order_and_summarises_them_on_every_path(int seed)
    {
        foreach (DataKind kind in EntropyData.Kinds)
        {
            foreach (int length in EntropyData.Lengths)
            {
                float[] values = EntropyData.Values(kind, length, seed - 3 * length);
                float[] expected = [.. values.Where(x => float.IsFinite(x) && x != 0f)];
                foreach (SimdWidth width in Generators.AllWidths)
                {
                    var packed = new float[Histogram.PackedLength(length)];
                    int kept = Histogram.PackNonZero(values, packed, width, out ValueSummary summary);
                    ValueSummary expectedSummary = Histogram.Summarize(values, width);
                    string what = $"{kind}, length {length}, {width}: {summary}, expected {expectedSummary}";
                    Assert.True(expected.AsSpan().SequenceEqual(packed.AsSpan(0, kept)), $"{what}: packed [{string.Join(", ", packed[..kept])}], expected [{string.Join(", ", expected)}]");
                    // == rather than Equal: either sign of a zero end is right.
                    Assert.True(summary.Min == expectedSummary.Min && summary.Max == expectedSummary.Max && summary.MinPositive == expectedSummary.MinPositive, what);
                    Assert.True((summary.FiniteCount, summary.ZeroCount, summary.PositiveCount) == (expectedSummary.FiniteCount, expectedSummary.ZeroCount, expectedSummary.PositiveCount), what);
                }
            }
        }
    }

    [Property(MaxTest = 10)]
    public void Summary_equals_the_sorted_values_on_every_path(int seed)
    {
        foreach (DataKind kind in EntropyData.Kinds)
        {
            foreach (int length in EntropyData.Lengths)
            {
                float[] values = EntropyData.Values(kind, length, seed + 7 * length);
                (float min, float max) = HistogramOracle.FiniteRange(values);
                float minPositive = HistogramOracle.FiniteRange(values, x => x > 0).Min;
                foreach (SimdWidth width in Generators.AllWidths)
                {
                    ValueSummary summary = Histogram.Summarize(values, width);
                    string what = $"{kind}, length {length}, {width}: {summary}";
                    Assert.True(summary.Min == min && summary.Max == max && summary.MinPositive == minPositive, $"{what}, expected [{min}, {max}], {minPositive}");
                    Assert.Equal(values.Count(float.IsFinite), summary.FiniteCount);
                    Assert.Equal(values.Count(x => x == 0f), summary.ZeroCount);
                    Assert.Equal(values.Count(x => x > 0f && float.IsFinite(x)), summary.PositiveCount);
                }
            }
        }
    }

    [Theory]
    [InlineData(64)]
    [InlineData(7)]
    public void Counts_a_spike_of_a_hundred_thousand_values_in_one_bin_on_every_path(int bins)
    {
        // Counters per bin and lane grow as large as they can: every carry of the bit-sliced counters is exercised.
        float[] values = Generators.RandomArray(100_003, seed: bins);
        for (int i = 0; i < values.Length; i++)
            values[i] = i % 10 == 0 ? MathF.Max(values[i], 0f) : 0.3f;
        AssertCountsOnEveryPath(values, -1f, 1f, bins, "a spike at 0.3");

        int[] expectedPositive = HistogramOracle.Counts(values, 0.25f, 1f, bins, x => x > 0);
        foreach (SimdWidth width in Generators.AllWidths)
        {
            var (counts, positiveCounts) = (new int[bins], new int[bins]);
            float[] packed = new float[Histogram.PackedLength(values.Length)];
            int kept = Histogram.PackNonZero(values, packed, width, out ValueSummary summary);
            Histogram.CountWithPositivePart(packed, kept, summary.ZeroCount, -1f, 1f, 0.25f, 1f, counts, positiveCounts, new int[Histogram.PairTableLength(bins)], width);
            Assert.Equal(HistogramOracle.Counts(values, -1f, 1f, bins), counts);
            Assert.Equal(expectedPositive, positiveCounts);
        }
    }

    /// <summary>
    /// Every value in one bin of the high 32-bit word, at lengths either side of a power of two of blocks (256 values a
    /// block on the 512-bit path, 128 on the 256-bit one): each lane's counter reaches the largest count its slices
    /// must hold, so one slice fewer, or a carry dropped at the top, shows.
    /// </summary>
    [Theory]
    [InlineData(256)]
    [InlineData(128)]
    public void Counts_one_full_bin_at_the_counters_capacity_on_every_path(int block)
    {
        foreach (int blocks in (int[])[1, 8, 64])
        {
            foreach (int length in (int[])[block * blocks - 1, block * blocks, block * blocks + block - 1])
            {
                float[] values = new float[length];
                values.AsSpan().Fill(0.3f); // bin 41 of 64 over [−1, 1]
                AssertCountsOnEveryPath(values, -1f, 1f, 64, $"{length} values in bin 41");
            }
        }
    }

    [Fact]
    public void Matches_the_example_of_the_torch_histc_documentation()
    {
        // torch.histc(torch.tensor([1., 2, 1]), bins=4, min=0, max=3) → tensor([0., 2., 1., 0.])
        var counts = new int[4];
        Assert.Equal(3, Histogram.Count([1f, 2f, 1f], 0f, 3f, counts));
        Assert.Equal([0, 2, 1, 0], counts);
    }

    [Fact]
    public void A_value_whose_quotient_rounds_up_to_the_bin_count_goes_into_the_last_bin_on_every_path()
    {
        // Found by search: just below the maximum, (x − min)·10 / (max − min) rounds to exactly 10.0f in float32.
        const float Low = -4.3454156f, High = 1.9080486f, JustBelow = 1.9080485f;
        Assert.Equal(10f, (JustBelow - Low) * 10 / (High - Low));
        float[] values = [Low, High, .. Enumerable.Repeat(JustBelow, 16)];
        foreach (SimdWidth width in Generators.AllWidths)
        {
            var counts = new int[10];
            Histogram.Count(values, Low, High, counts, width);
            Assert.Equal([1, 0, 0, 0, 0, 0, 0, 0, 0, 17], counts);
        }
    }

    [Fact]
    public void A_zero_width_range_puts_every_value_not_below_it_into_the_last_bin()
    {
        var counts = new int[5];
        Histogram.Count([2f, 2f, float.NaN, 1f, 3f], 2f, 2f, counts);
        Assert.Equal([1, 0, 0, 0, 3], counts);
    }

    [Theory]
    [InlineData(float.NaN, 1f)]
    [InlineData(0f, float.PositiveInfinity)]
    [InlineData(1f, 0f)]
    [InlineData(-3e38f, 3e38f)] // finite ends, but the width overflows float32
    public void Rejects_a_range_that_is_not_finite_ordered_and_narrower_than_float_MaxValue(float low, float high)
    {
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => Histogram.Count([0.5f], low, high, new int[4]));
    }

    [Fact]
    public void Rejects_an_empty_count_span() =>
        Assert.Throws<ArgumentException>(() => Histogram.Count([0.5f], 0f, 1f, Span<int>.Empty));

    /// <summary>Counts on every path equal the oracle's, and the element just past the counts keeps its sentinel.</summary>
    private static void AssertCountsOnEveryPath(float[] values, float low, float high, int bins, string what)
    {
        int[] expected = HistogramOracle.Counts(values, low, high, bins);
        foreach (SimdWidth width in Generators.AllWidths)
        {
            var counts = new int[bins + 1];
            counts[bins] = Sentinel;
            int counted = Histogram.Count(values, low, high, counts.AsSpan(0, bins), width);
            Assert.True(expected.AsSpan().SequenceEqual(counts.AsSpan(0, bins)),
                $"{what}, {bins} bins, {width}: [{string.Join(", ", counts[..bins])}], expected [{string.Join(", ", expected)}]");
            Assert.Equal(values.Count(float.IsFinite), counted);
            Assert.Equal(Sentinel, counts[bins]);
        }
    }
}
