using FsCheck.Xunit;
using SurgeCollapse.Simd.Entropy;
using SurgeCollapse.Simd.Tests.Reference;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Entropy;

/// <summary>The histogram entropy's laws, worked values and its agreement with a double-precision oracle.</summary>
public sealed class EntropyMeterTests
{
    /// <summary>
    /// Two double sums of at most 256 terms of size ≤ ln 256, in different forms (−Σ p ln p vs ln N − Σ c ln c / N):
    /// each rounds a few hundred times at 2⁻⁵³ relative, far below 1e-12.
    /// </summary>
    private const double DoubleSums = 1e-12;

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(256)]
    public void Values_spread_evenly_over_the_bins_give_ln_B_and_a_normalised_entropy_of_one(int bins)
    {
        // Value k + 0.5, five times each. The batch range is [0.5, B − 0.5], so value k has quotient k·B/(B − 1), in
        // [k, k + 1) for k < B − 1, and the maximum goes into the last bin: one value per bin.
        float[] values = Enumerable.Range(0, 5 * bins).Select(i => i % bins + 0.5f).ToArray();
        var meter = new EntropyMeter(new EntropyOptions { Bins = bins });
        EntropyEstimate estimate = meter.Measure(values);
        Assert.All(meter.Counts.ToArray(), count => Assert.Equal(5, count));
        AssertClose(Math.Log(bins), estimate.EntropyNats, DoubleSums, "H");
        AssertClose(1, estimate.Normalized, DoubleSums, "h");
        Assert.Equal((bins, 5L * bins, bins), (estimate.Bins, estimate.Count, estimate.NonEmptyBins));
    }

    [Theory]
    [InlineData(new float[] { 0.3f, 0.3f, 0.3f })]
    [InlineData(new float[] { -7f })]
    [InlineData(new float[] { })]
    [InlineData(new float[] { float.NaN, float.PositiveInfinity })]
    public void A_constant_or_no_value_has_zero_entropy(float[] values)
    {
        EntropyEstimate estimate = new EntropyMeter(new EntropyOptions { MillerMadow = true }).Measure(values);
        Assert.Equal(0, estimate.EntropyNats);
        Assert.Equal(0, estimate.Normalized);
        Assert.Equal(values.Count(float.IsFinite), estimate.Count);
    }

    [Property(MaxTest = 50)]
    public void Equals_the_double_precision_oracle(int seed)
    {
        DataKind kind = EntropyData.Kinds[(seed & int.MaxValue) % EntropyData.Kinds.Length];
        float[] values = EntropyData.Values(kind, 1 + (seed & 1023), seed);
        (float min, float max) = HistogramOracle.FiniteRange(values);
        var meter = new EntropyMeter(new EntropyOptions { Bins = 37 });
        double expected = min < max ? HistogramOracle.EntropyNats(HistogramOracle.Counts(values, min, max, 37)) : 0;
        AssertClose(expected, meter.Measure(values).EntropyNats, DoubleSums, $"{kind}, seed {seed}");

        (float low, float high) = EntropyData.FixedRange(seed);
        var fixedMeter = new EntropyMeter(new EntropyOptions { Bins = 37, Range = HistogramRange.Fixed, Low = low, High = high });
        AssertClose(HistogramOracle.EntropyNats(HistogramOracle.Counts(values, low, high, 37)), fixedMeter.Measure(values).EntropyNats,
            DoubleSums, $"{kind}, seed {seed}, fixed [{low}, {high}]");
    }

    [Property(MaxTest = 50)]
    public void Does_not_depend_on_the_order_of_the_values(int seed)
    {
        float[] values = EntropyData.Values(EntropyData.Kinds[(seed & int.MaxValue) % EntropyData.Kinds.Length], 1 + (seed & 511), seed);
        float[] shuffled = (float[])values.Clone();
        new Random(seed).Shuffle(shuffled);
        var meter = new EntropyMeter();
        EntropyEstimate expected = meter.Measure(values);
        int[] counts = meter.Counts.ToArray();
        Assert.Equal(expected, meter.Measure(shuffled));
        Assert.Equal(counts, meter.Counts.ToArray());
    }

    /// <summary>
    /// Scaling by a &gt; 0 and shifting by b keep the batch-range histogram, for data chosen so rounding cannot move a
    /// value across a bin edge: the minimum and maximum are in the data (they always bin first and last), and every other
    /// value sits at a bin centre, half a bin (1/128 of the range) from the edges. Rounding a·x + b, the new min and max
    /// and the three float operations of the bin moves a value by a few ulps of max(|a|, |b|) ≤ 100|a|, that is about
    /// 64 · 150 · 2⁻²⁴ ≈ 6e-4 bins — never half a bin.
    /// </summary>
    [Property(MaxTest = 100)]
    public void With_the_batch_range_does_not_depend_on_positive_scale_or_shift(int seed)
    {
        const int Bins = 64;
        var random = new Random(seed);
        float[] values = [-1f, 1f, .. Enumerable.Range(0, 200).Select(_ => -1f + (random.Next(Bins) + 0.5f) * 2f / Bins)];
        float scale = (float)Math.Pow(2, random.NextDouble() * 20 - 10) * (random.Next(2) == 0 ? 1f : 1.37f);
        float shift = (float)((random.NextDouble() * 200 - 100) * scale);
        var meter = new EntropyMeter();
        EntropyEstimate expected = meter.Measure(values);
        int[] counts = meter.Counts.ToArray();
        EntropyEstimate moved = meter.Measure(values.Select(x => x * scale + shift).ToArray());
        Assert.True(counts.AsSpan().SequenceEqual(meter.Counts), $"scale {scale}, shift {shift}: [{string.Join(", ", meter.Counts.ToArray())}], expected [{string.Join(", ", counts)}]");
        Assert.Equal(expected, moved);
    }

    [Property(MaxTest = 50)]
    public void Miller_Madow_adds_exactly_m_minus_one_over_2N(int seed)
    {
        float[] values = EntropyData.Values(DataKind.Uniform, 1 + (seed & 1023), seed);
        EntropyEstimate plain = new EntropyMeter().Measure(values);
        EntropyEstimate corrected = new EntropyMeter(new EntropyOptions { MillerMadow = true }).Measure(values);
        Assert.Equal(plain.EntropyNats + (plain.NonEmptyBins - 1) / (2.0 * plain.Count), corrected.EntropyNats);
        Assert.True(corrected.MillerMadow && !plain.MillerMadow);
    }

    [Property(MaxTest = 50)]
    public void Bits_are_nats_over_ln_2_and_the_normalised_entropy_is_in_0_1(int seed)
    {
        float[] values = EntropyData.Values(EntropyData.Kinds[(seed & int.MaxValue) % EntropyData.Kinds.Length], seed & 1023, seed);
        EntropyEstimate nats = new EntropyMeter().Measure(values);
        EntropyEstimate bits = new EntropyMeter(new EntropyOptions { Unit = EntropyUnit.Bits }).Measure(values);
        Assert.Equal(nats.EntropyNats, nats.Entropy);
        Assert.Equal(nats.EntropyNats / Math.Log(2), bits.Entropy);
        Assert.Equal(nats.Normalized, bits.Normalized);
        Assert.InRange(nats.Normalized, 0, 1 + DoubleSums);
    }

    [Fact]
    public void From_counts_is_the_plug_in_entropy_of_the_frequencies()
    {
        // p = (1/2, 1/4, 1/4, 0): H = 1.5 bits; m = 3, N = 8, so Miller–Madow adds 2/16 nats.
        EntropyEstimate bits = EntropyEstimate.FromCounts([4, 2, 2, 0], EntropyUnit.Bits, millerMadow: false);
        AssertClose(1.5, bits.Entropy, DoubleSums, "bits");
        AssertClose(0.75, bits.Normalized, DoubleSums, "h");
        EntropyEstimate corrected = EntropyEstimate.FromCounts([4, 2, 2, 0], EntropyUnit.Nats, millerMadow: true);
        Assert.Equal(bits.EntropyNats + 2.0 / 16, corrected.EntropyNats);
        Assert.Throws<ArgumentException>(() => EntropyEstimate.FromCounts([1, -1], EntropyUnit.Nats, false));
    }

    [Fact]
    public void Measuring_allocates_nothing_after_warm_up()
    {
        float[] values = EntropyData.Values(DataKind.Special, 64 * 128, 1);
        var batch = new EntropyMeter();
        var fixedRange = new EntropyMeter(new EntropyOptions { Range = HistogramRange.Fixed, Low = -1, High = 1 });
        Assert.Equal(0, Allocations.AfterWarmUp(1_000, _ =>
        {
            batch.Measure(values);
            fixedRange.Measure(values);
        }));
    }

    internal static void AssertClose(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)),
            $"{what}: expected {expected:R}, got {actual:R}, difference {Math.Abs(expected - actual):G3}");
}
