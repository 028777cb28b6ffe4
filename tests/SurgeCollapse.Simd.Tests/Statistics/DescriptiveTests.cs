using SurgeCollapse.Simd.Statistics;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Statistics;

/// <summary>Mean, sample standard deviation and the trailing mean on values worked by hand.</summary>
public sealed class DescriptiveTests
{
    /// <summary>2, 4, 4, 4, 5, 5, 7, 9: mean 5, Σ(x − x̄)² = 32, sample variance 32/7.</summary>
    [Fact]
    public void Mean_and_sample_standard_deviation_of_a_textbook_sample()
    {
        double[] values = [2, 4, 4, 4, 5, 5, 7, 9];
        Assert.Equal(5, Descriptive.Mean(values));
        Assert.Equal(Math.Sqrt(32.0 / 7), Descriptive.SampleStandardDeviation(values), 1e-15);
        SampleSummary summary = SampleSummary.Of(values);
        Assert.Equal(new SampleSummary(8, 5, Math.Sqrt(32.0 / 7)), summary);
    }

    /// <summary>Two passes: a constant sample far from zero has exactly zero spread (a one-pass formula would not).</summary>
    [Fact]
    public void A_constant_sample_has_zero_spread()
    {
        double[] values = [1e9 + 0.1, 1e9 + 0.1, 1e9 + 0.1];
        Assert.Equal(0, Descriptive.SampleStandardDeviation(values));
    }

    [Fact]
    public void Too_small_samples_give_nan_not_zero()
    {
        Assert.True(double.IsNaN(Descriptive.Mean([])));
        Assert.True(double.IsNaN(Descriptive.SampleStandardDeviation([])));
        Assert.True(double.IsNaN(Descriptive.SampleStandardDeviation([3.0])));
        SampleSummary one = SampleSummary.Of([3.0]);
        Assert.Equal(1, one.Count);
        Assert.Equal(3, one.Mean);
        Assert.True(double.IsNaN(one.StandardDeviation));
    }

    /// <summary>Window 3 over 1..5 with a NaN: [1, 1.5, 2, 3 (2 and 4; NaN skipped), 4.5 (4, 5)].</summary>
    [Fact]
    public void Trailing_mean_skips_non_finite_values_and_averages_what_the_window_holds()
    {
        double[] source = [1, 2, 3, double.NaN, 4, 5];
        var smoothed = new double[source.Length];
        Smoothing.TrailingMean(source, 3, smoothed);
        Assert.Equal([1, 1.5, 2, 2.5, 3.5, 4.5], smoothed);
        double[] gaps = [double.NaN, double.NaN, 1];
        var result = new double[3];
        Smoothing.TrailingMean(gaps, 2, result);
        Assert.True(double.IsNaN(result[0]) && double.IsNaN(result[1]));
        Assert.Equal(1, result[2]);
    }

    [Fact]
    public void Trailing_mean_with_window_one_is_the_identity_and_bad_arguments_throw()
    {
        double[] source = [0.5, -1, 7];
        var copy = new double[3];
        Smoothing.TrailingMean(source, 1, copy);
        Assert.Equal(source, copy);
        Assert.Throws<ArgumentOutOfRangeException>(() => Smoothing.TrailingMean(source, 0, copy));
        Assert.Throws<ArgumentException>(() => Smoothing.TrailingMean(source, 2, new double[2]));
    }
}
