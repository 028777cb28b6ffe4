using SurgeCollapse.Simd.Entropy;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Entropy;

public sealed class TokenEntropyMeterTests
{
    // Token 2 four times, token 0 twice, tokens 1 and 3 once: p = (1/4, 1/8, 1/2, 1/8), H = 1.75 bits, m = 4, N = 8.
    private static readonly int[] Batch = [2, 0, 2, 1, 2, 3, 0, 2];

    [Fact]
    public void A_hand_made_token_batch_gives_its_shannon_entropy()
    {
        var meter = new TokenEntropyMeter(vocabularySize: 16, new EntropyOptions { Unit = EntropyUnit.Bits });
        EntropyEstimate estimate = meter.Measure(Batch);
        EntropyMeterTests.AssertClose(1.75, estimate.Entropy, 1e-15, "bits");
        EntropyMeterTests.AssertClose(1.75 / 4, estimate.Normalized, 1e-15, "h = H / ln 16");
        Assert.Equal((16, 8L, 4), (estimate.Bins, estimate.Count, estimate.NonEmptyBins));
    }

    [Fact]
    public void Each_batch_is_measured_on_its_own()
    {
        var meter = new TokenEntropyMeter(4);
        EntropyEstimate first = meter.Measure(Batch);
        Assert.Equal(0, meter.Measure([1, 1, 1]).EntropyNats);
        Assert.Equal(first, meter.Measure(Batch));
        Assert.Equal(0, meter.Measure([]).EntropyNats);
    }

    [Fact]
    public void Miller_Madow_adds_m_minus_one_over_2N()
    {
        double plain = new TokenEntropyMeter(4).Measure(Batch).EntropyNats;
        double corrected = new TokenEntropyMeter(4, new EntropyOptions { MillerMadow = true }).Measure(Batch).EntropyNats;
        Assert.Equal(plain + 3.0 / 16, corrected);
    }

    [Fact]
    public void An_id_outside_the_vocabulary_is_rejected_and_leaves_the_meter_clean()
    {
        var meter = new TokenEntropyMeter(4);
        EntropyEstimate expected = meter.Measure(Batch);
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => meter.Measure([0, 1, 4]));
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => meter.Measure([-1]));
        Assert.Equal(expected, meter.Measure(Batch));
    }

    [Fact]
    public void Measuring_allocates_nothing_after_warm_up()
    {
        int[] tokens = Enumerable.Range(0, 64).Select(i => i * 7 % 256).ToArray();
        var meter = new TokenEntropyMeter(256);
        Assert.Equal(0, Allocations.AfterWarmUp(1_000, _ => meter.Measure(tokens)));
    }
}
