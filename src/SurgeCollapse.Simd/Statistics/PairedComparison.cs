namespace SurgeCollapse.Simd.Statistics;

/// <summary>
/// A paired comparison of a treatment against a control over matched units (seeds): the differences
/// dᵢ = treatmentᵢ − controlᵢ, their mean d̄ and the Student-t confidence interval d̄ ± t_{(1+c)/2, n−1}·s_d/√n
/// (the paired t interval of any statistics text, e.g. NIST/SEMATECH e-Handbook §7.4.2).
/// </summary>
/// <param name="Count">Number of pairs n.</param>
/// <param name="MeanDifference">d̄, the mean of treatment − control; NaN when there is no pair.</param>
/// <param name="StandardDeviation">s_d, the sample standard deviation of the differences; NaN when n &lt; 2.</param>
/// <param name="Lower">Lower end of the confidence interval; NaN when n &lt; 2.</param>
/// <param name="Upper">Upper end of the confidence interval; NaN when n &lt; 2.</param>
/// <param name="ConfidenceLevel">The two-sided confidence level c of the interval, e.g. 0.95.</param>
/// <param name="Verdict">What the interval supports; <see cref="ComparisonVerdict.NotEnoughPairs"/> when n &lt; 2.</param>
public sealed record PairedComparison(int Count, double MeanDifference, double StandardDeviation, double Lower, double Upper,
    double ConfidenceLevel, ComparisonVerdict Verdict)
{
    /// <summary>The confidence level reports use: 95 %.</summary>
    public const double DefaultConfidenceLevel = 0.95;

    /// <summary>
    /// Compares <paramref name="treatment"/> with <paramref name="control"/>, element i of each being the same unit
    /// (seed). With fewer than two pairs the result has no interval and the verdict
    /// <see cref="ComparisonVerdict.NotEnoughPairs"/>, rather than a zero-width interval that would claim certainty.
    /// </summary>
    /// <param name="treatment">The treatment's value per unit (e.g. a policy's validation loss per seed).</param>
    /// <param name="control">The control's value for the same units, in the same order.</param>
    /// <param name="confidenceLevel">Two-sided confidence level in (0, 1); 0.95 by default.</param>
    /// <exception cref="ArgumentException">The spans differ in length or hold a NaN or infinity.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is outside (0, 1).</exception>
    public static PairedComparison Compute(ReadOnlySpan<double> treatment, ReadOnlySpan<double> control,
        double confidenceLevel = DefaultConfidenceLevel)
    {
        if (treatment.Length != control.Length)
            throw new ArgumentException($"treatment has {treatment.Length} values but control has {control.Length}; pairs need one of each", nameof(control));
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), confidenceLevel, "expected a confidence level in (0, 1)");

        int count = treatment.Length;
        var differences = count <= 64 ? stackalloc double[count] : new double[count];
        for (int i = 0; i < count; i++)
        {
            differences[i] = treatment[i] - control[i];
            if (!double.IsFinite(differences[i]))
                throw new ArgumentException($"pair {i}: treatment {treatment[i]} and control {control[i]} must both be finite", nameof(treatment));
        }

        double mean = Descriptive.Mean(differences);
        if (count < 2)
            return new PairedComparison(count, mean, double.NaN, double.NaN, double.NaN, confidenceLevel, ComparisonVerdict.NotEnoughPairs);

        double deviation = Descriptive.SampleStandardDeviation(differences);
        double critical = StudentT.Quantile(0.5 + confidenceLevel / 2, count - 1);
        double halfWidth = critical * deviation / Math.Sqrt(count);
        double lower = mean - halfWidth, upper = mean + halfWidth;
        ComparisonVerdict verdict = upper < 0 ? ComparisonVerdict.TreatmentLower
            : lower > 0 ? ComparisonVerdict.TreatmentHigher
            : ComparisonVerdict.NoEvidence;
        return new PairedComparison(count, mean, deviation, lower, upper, confidenceLevel, verdict);
    }
}
