using FsCheck.Xunit;
using SurgeCollapse.Simd.Entropy;
using SurgeCollapse.Simd.Tests.Reference;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Entropy;

public sealed class ActivationEntropyMeterTests
{
    [Fact]
    public void A_hand_made_relu_output_gives_its_zero_fraction_and_both_entropies()
    {
        // Eight zeros and 1, 1, 2, 2, 3, 3, 4, 4 in 4 bins; one NaN that nothing counts.
        // All values, range [0, 4]: bins of width 1 → counts (8 zeros, 1, 1 | 2, 2 | 3, 3, 4, 4) = (8, 2, 2, 4),
        //   p = (1/2, 1/8, 1/8, 1/4), H = (1/2 + 3/4 + 1/2) ln 2 = 1.75 ln 2.
        // Positive part, range [1, 4]: quotients 0, 4/3, 8/3, 4 → counts (2, 2, 2, 2), H = ln 4, h = 1.
        float[] activations = [0, 1, 0, 2, 0, 3, 0, 4, 0, 1, 0, 2, 0, 3, 0, 4, float.NaN];
        var meter = new ActivationEntropyMeter(new EntropyOptions { Bins = 4 });
        ActivationEntropy result = meter.Measure(activations);

        Assert.Equal([8, 2, 2, 4], meter.Counts.ToArray());
        Assert.Equal([2, 2, 2, 2], meter.PositiveCounts.ToArray());
        Assert.Equal(0.5, result.ZeroFraction);
        Assert.Equal(1, result.NonFiniteCount);
        Assert.Equal((16L, 8L), (result.All.Count, result.Positive.Count));
        EntropyMeterTests.AssertClose(1.75 * Math.Log(2), result.All.EntropyNats, 1e-15, "all values");
        EntropyMeterTests.AssertClose(Math.Log(4), result.Positive.EntropyNats, 1e-15, "positive part");
        EntropyMeterTests.AssertClose(1, result.Positive.Normalized, 1e-15, "positive part, normalised");
    }

    [Theory]
    [InlineData(0f, 1.0, 0L)]
    [InlineData(2.5f, 0.0, 64L)]
    public void A_constant_layer_has_zero_entropy(float value, double zeroFraction, long positiveCount)
    {
        ActivationEntropy result = new ActivationEntropyMeter().Measure(Enumerable.Repeat(value, 64).ToArray());
        Assert.Equal((0.0, 0.0, zeroFraction, positiveCount), (result.All.EntropyNats, result.Positive.EntropyNats, result.ZeroFraction, result.Positive.Count));
    }

    [Fact]
    public void A_single_distinct_positive_value_goes_into_the_last_positive_bin()
    {
        var meter = new ActivationEntropyMeter(new EntropyOptions { Bins = 4 });
        ActivationEntropy result = meter.Measure([0f, 1.5f, -1f, 0f, 1.5f]);
        Assert.Equal([1, 2, 0, 2], meter.Counts.ToArray()); // range [−1, 1.5]: 0 has quotient 1.6, bin 1
        Assert.Equal([0, 0, 0, 2], meter.PositiveCounts.ToArray());
        Assert.Equal((0.0, 0.4), (result.Positive.EntropyNats, result.ZeroFraction));
    }

    [Fact]
    public void A_layer_without_finite_values_has_zero_entropy_and_counts_them_as_non_finite()
    {
        ActivationEntropy result = new ActivationEntropyMeter().Measure([float.NaN, float.PositiveInfinity]);
        Assert.Equal((0L, 0.0, 0.0, 2), (result.All.Count, result.All.EntropyNats, result.ZeroFraction, result.NonFiniteCount));
    }

    [Property(MaxTest = 30)]
    public void Equals_the_oracle_histograms_of_all_values_and_of_the_positive_part(int seed)
    {
        foreach (DataKind kind in EntropyData.Kinds)
        {
            float[] activations = EntropyData.Values(kind, 1 + (seed & 4095), seed);
            (float low, float high) = HistogramOracle.FiniteRange(activations);
            (float positiveLow, float positiveHigh) = HistogramOracle.FiniteRange(activations, x => x > 0);
            int finite = activations.Count(float.IsFinite);
            var meter = new ActivationEntropyMeter(new EntropyOptions { Bins = 50 });
            ActivationEntropy result = meter.Measure(activations);

            Assert.Equal(HistogramOracle.Counts(activations, low, high, 50), meter.Counts.ToArray());
            if (positiveLow <= positiveHigh)
                Assert.Equal(HistogramOracle.Counts(activations, positiveLow, positiveHigh, 50, x => x > 0), meter.PositiveCounts.ToArray());
            Assert.Equal(activations.Count(x => x > 0 && float.IsFinite(x)), result.Positive.Count);
            Assert.Equal(finite == 0 ? 0 : activations.Count(x => x == 0) / (double)finite, result.ZeroFraction);
            Assert.Equal(activations.Length - finite, result.NonFiniteCount);

            (float fixedLow, float fixedHigh) = EntropyData.FixedRange(seed);
            var fixedMeter = new ActivationEntropyMeter(new EntropyOptions { Bins = 50, Range = HistogramRange.Fixed, Low = fixedLow, High = fixedHigh });
            fixedMeter.Measure(activations);
            Assert.Equal(HistogramOracle.Counts(activations, fixedLow, fixedHigh, 50), fixedMeter.Counts.ToArray());
            Assert.Equal(HistogramOracle.Counts(activations, fixedLow, fixedHigh, 50, x => x > 0), fixedMeter.PositiveCounts.ToArray());
        }
    }

    [Fact]
    public void Measuring_a_64_by_256_batch_allocates_nothing_after_warm_up()
    {
        float[] activations = EntropyData.Values(DataKind.Relu, 64 * 256, 1);
        var batch = new ActivationEntropyMeter();
        var fixedRange = new ActivationEntropyMeter(new EntropyOptions { Range = HistogramRange.Fixed, Low = 0, High = 1 });
        Assert.Equal(0, Allocations.AfterWarmUp(1_000, _ =>
        {
            batch.Measure(activations);
            fixedRange.Measure(activations);
        }));
    }
}
