namespace SurgeCollapse.Simd.Statistics;

/// <summary>
/// Student's t distribution with ν degrees of freedom: its distribution function and quantiles, in double, from the
/// regularized incomplete beta function (Abramowitz &amp; Stegun 26.7.1: P(|T| &gt; t) = I_{ν/(ν+t²)}(ν/2, 1/2)).
/// </summary>
/// <remarks>
/// Accuracy: about 1e-12 relative for ν up to <see cref="LargeDegreesOfFreedom"/>; above it the quantile is the
/// normal quantile (Acklam's approximation, relative error below 1.15e-9) corrected by the Cornish–Fisher expansion in
/// 1/ν to four terms, whose truncation error there is below 1e-20.
/// </remarks>
public static class StudentT
{
    /// <summary>Degrees of freedom above which quantiles come from the normal limit and its expansion in 1/ν.</summary>
    public const double LargeDegreesOfFreedom = 1e5;

    /// <summary>P(T ≤ t) for T following Student's t with <paramref name="degreesOfFreedom"/> degrees of freedom.</summary>
    /// <param name="t">The point; ±∞ give 0 and 1.</param>
    /// <param name="degreesOfFreedom">ν &gt; 0, finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">ν is not a finite positive number, or t is NaN.</exception>
    public static double CumulativeDistribution(double t, double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 0) || double.IsPositiveInfinity(degreesOfFreedom))
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "expected finite degrees of freedom > 0");
        if (double.IsNaN(t))
            throw new ArgumentOutOfRangeException(nameof(t), t, "expected a number");
        if (double.IsInfinity(t))
            return t > 0 ? 1 : 0;
        double square = t * t;
        // x = ν/(ν + t²) and its complement t²/(ν + t²), each computed directly so that neither loses digits.
        double x = degreesOfFreedom / (degreesOfFreedom + square), y = square / (degreesOfFreedom + square);
        double tail = 0.5 * SpecialFunctions.RegularizedIncompleteBeta(degreesOfFreedom / 2, 0.5, x, y);
        return t > 0 ? 1 - tail : tail;
    }

    /// <summary>
    /// The quantile t_{p, ν}: the t with P(T ≤ t) = <paramref name="probability"/>. The two-sided 95 % critical value
    /// is <c>Quantile(0.975, ν)</c> (12.706 for ν = 1, 2.228 for ν = 10, → 1.960 as ν → ∞).
    /// </summary>
    /// <param name="probability">p in [0, 1]; 0 and 1 give −∞ and +∞.</param>
    /// <param name="degreesOfFreedom">ν &gt; 0; +∞ gives the standard normal quantile.</param>
    /// <exception cref="ArgumentOutOfRangeException">p is outside [0, 1] or NaN, or ν is not positive.</exception>
    public static double Quantile(double probability, double degreesOfFreedom)
    {
        if (!(probability >= 0 && probability <= 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "expected a probability in [0, 1]");
        if (!(degreesOfFreedom > 0))
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "expected degrees of freedom > 0");
        if (probability == 0)
            return double.NegativeInfinity;
        if (probability == 1)
            return double.PositiveInfinity;
        if (probability == 0.5)
            return 0;
        // The distribution is symmetric: work on the upper half, where the two-sided tail is 2(1 − p).
        if (probability < 0.5)
            return -UpperQuantile(2 * probability, degreesOfFreedom);
        return UpperQuantile(2 * (1 - probability), degreesOfFreedom);
    }

    /// <summary>The t &gt; 0 with P(|T| &gt; t) = <paramref name="twoSidedTail"/> in (0, 1).</summary>
    private static double UpperQuantile(double twoSidedTail, double degreesOfFreedom)
    {
        if (degreesOfFreedom > LargeDegreesOfFreedom)
            return CornishFisher(SpecialFunctions.NormalQuantile(1 - twoSidedTail / 2), degreesOfFreedom);

        double halfDegrees = degreesOfFreedom / 2;
        // Solve I_x(ν/2, 1/2) = tail for x = ν/(ν + t²). Where x is near 1 (many degrees of freedom, or t near 0)
        // solve the mirror for y = t²/(ν + t²) instead, whose upper tail 1 − I_y(1/2, ν/2) is the same two-sided tail,
        // so the small one of x and y carries the digits.
        double x = SpecialFunctions.InverseRegularizedIncompleteBeta(twoSidedTail, halfDegrees, 0.5);
        if (x <= 0.5)
            return Math.Sqrt(degreesOfFreedom * (1 - x) / x);
        double y = SpecialFunctions.InverseRegularizedIncompleteBeta(twoSidedTail, 0.5, halfDegrees, upper: true);
        return Math.Sqrt(degreesOfFreedom * y / (1 - y));
    }

    /// <summary>
    /// t from the normal quantile z by the Cornish–Fisher expansion (Abramowitz &amp; Stegun 26.7.5) to the 1/ν⁴ term.
    /// </summary>
    private static double CornishFisher(double z, double degreesOfFreedom)
    {
        if (double.IsPositiveInfinity(degreesOfFreedom))
            return z;
        double z2 = z * z;
        double g1 = (z2 + 1) * z / 4;
        double g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
        double g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
        double g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160;
        double inverse = 1 / degreesOfFreedom;
        return z + inverse * (g1 + inverse * (g2 + inverse * (g3 + inverse * g4)));
    }
}
