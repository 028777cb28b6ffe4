using SurgeCollapse.Simd.Statistics;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Statistics;

/// <summary>The paired t interval on data worked by hand, and its refusals.</summary>
public sealed class PairedComparisonTests
{
    /// <summary>t_{0.975, 3}, from the Student t tables (and StudentTTests).</summary>
    private const double CriticalThreeDegrees = 3.182446305284263;

    /// <summary>
    /// Differences −0.02, −0.01, −0.03, −0.01: mean −0.0175, squared deviations 6.25e-6 + 5.625e-5 + 1.5625e-4 +
    /// 5.625e-5 = 2.75e-4, s = √(2.75e-4 / 3), half-width t_{0.975,3}·s/√4. The whole interval is below zero.
    /// Tolerance 1e-12: the hand values are exact but for the last bits of the decimal inputs.
    /// </summary>
    [Fact]
    public void Four_pairs_worked_by_hand()
    {
        double[] policy = [0.10, 0.12, 0.11, 0.13];
        double[] baseline = [0.12, 0.13, 0.14, 0.14];
        PairedComparison result = PairedComparison.Compute(policy, baseline);
        double deviation = Math.Sqrt(2.75e-4 / 3);
        double halfWidth = CriticalThreeDegrees * deviation / 2;
        Assert.Equal(4, result.Count);
        Assert.Equal(-0.0175, result.MeanDifference, 1e-12);
        Assert.Equal(deviation, result.StandardDeviation, 1e-12);
        Assert.Equal(-0.0175 - halfWidth, result.Lower, 1e-12);
        Assert.Equal(-0.0175 + halfWidth, result.Upper, 1e-12);
        Assert.Equal(0.95, result.ConfidenceLevel);
        Assert.Equal(ComparisonVerdict.TreatmentLower, result.Verdict);
    }

    /// <summary>
    /// Differences 0.01, −0.02, 0.005 (n = 3, ν = 2): mean −0.005/3, deviations 0.035/3, −0.055/3, 0.02/3, so
    /// s² = ((0.035/3)² + (0.055/3)² + (0.02/3)²) / 2; the interval mean ± t_{0.975,2}·s/√3 (t = 4.303) spans zero,
    /// so there is no evidence either way.
    /// </summary>
    [Fact]
    public void An_interval_that_spans_zero_is_no_evidence()
    {
        double[] policy = [1.01, 0.98, 1.005];
        double[] baseline = [1.00, 1.00, 1.00];
        PairedComparison result = PairedComparison.Compute(policy, baseline);
        double mean = -0.005 / 3;
        double squares = Math.Pow(0.01 - mean, 2) + Math.Pow(-0.02 - mean, 2) + Math.Pow(0.005 - mean, 2);
        double deviation = Math.Sqrt(squares / 2);
        double halfWidth = 4.302652729749464 * deviation / Math.Sqrt(3);
        Assert.Equal(mean, result.MeanDifference, 1e-12);
        Assert.Equal(deviation, result.StandardDeviation, 1e-12);
        Assert.Equal(mean - halfWidth, result.Lower, 1e-12);
        Assert.Equal(mean + halfWidth, result.Upper, 1e-12);
        Assert.True(result.Lower < 0 && result.Upper > 0);
        Assert.Equal(ComparisonVerdict.NoEvidence, result.Verdict);
    }

    [Fact]
    public void A_consistently_higher_treatment_is_flagged_higher()
    {
        PairedComparison result = PairedComparison.Compute([2.0, 3.1, 4.0], [1.0, 2.0, 3.05]);
        Assert.True(result.Lower > 0);
        Assert.Equal(ComparisonVerdict.TreatmentHigher, result.Verdict);
    }

    /// <summary>Identical arms: every difference is zero, the interval is [0, 0], which contains zero.</summary>
    [Fact]
    public void Identical_arms_are_no_evidence()
    {
        PairedComparison result = PairedComparison.Compute([0.5, 0.25, 0.125], [0.5, 0.25, 0.125]);
        Assert.Equal(0, result.MeanDifference);
        Assert.Equal(0, result.Lower);
        Assert.Equal(0, result.Upper);
        Assert.Equal(ComparisonVerdict.NoEvidence, result.Verdict);
    }

    /// <summary>One pair gives a difference but no spread and so no interval: not a zero-width "certainty".</summary>
    [Fact]
    public void One_pair_is_not_enough_and_has_no_interval()
    {
        PairedComparison result = PairedComparison.Compute([0.3], [0.5]);
        Assert.Equal(1, result.Count);
        Assert.Equal(-0.2, result.MeanDifference, 1e-15);
        Assert.True(double.IsNaN(result.StandardDeviation));
        Assert.True(double.IsNaN(result.Lower));
        Assert.True(double.IsNaN(result.Upper));
        Assert.Equal(ComparisonVerdict.NotEnoughPairs, result.Verdict);
    }

    [Fact]
    public void No_pair_is_not_enough()
    {
        PairedComparison result = PairedComparison.Compute([], []);
        Assert.Equal(0, result.Count);
        Assert.True(double.IsNaN(result.MeanDifference));
        Assert.Equal(ComparisonVerdict.NotEnoughPairs, result.Verdict);
    }

    /// <summary>A 99 % interval is wider than the 95 % one on the same data, by the ratio of the critical values.</summary>
    [Fact]
    public void The_confidence_level_sets_the_width()
    {
        double[] policy = [0.10, 0.12, 0.11, 0.13], baseline = [0.12, 0.13, 0.14, 0.14];
        PairedComparison at95 = PairedComparison.Compute(policy, baseline);
        PairedComparison at99 = PairedComparison.Compute(policy, baseline, 0.99);
        double ratio = (at99.Upper - at99.Lower) / (at95.Upper - at95.Lower);
        Assert.Equal(StudentT.Quantile(0.995, 3) / StudentT.Quantile(0.975, 3), ratio, 1e-12);
    }

    [Fact]
    public void Mismatched_lengths_non_finite_values_and_bad_levels_throw()
    {
        Assert.Throws<ArgumentException>(() => PairedComparison.Compute([1.0, 2.0], [1.0]));
        Assert.Throws<ArgumentException>(() => PairedComparison.Compute([1.0, double.NaN], [1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => PairedComparison.Compute([1.0, 2.0], [1.0, double.PositiveInfinity]));
        Assert.Throws<ArgumentOutOfRangeException>(() => PairedComparison.Compute([1.0, 2.0], [1.0, 2.0], 1.0));
    }
}
