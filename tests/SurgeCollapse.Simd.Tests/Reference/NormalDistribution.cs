namespace SurgeCollapse.Simd.Tests.Reference;

/// <summary>The standard normal distribution in double precision, for goodness-of-fit tests.</summary>
internal static class NormalDistribution
{
    /// <summary>
    /// Φ(x) by Marsaglia's Taylor series, Φ(x) = ½ + φ(x)·(x + x³/3 + x⁵/(3·5) + …), summed until a term no longer
    /// changes the sum (G. Marsaglia, "Evaluating the Normal Distribution", J. Stat. Softw. 11(4), 2004: absolute error
    /// below 1e-15). Beyond ±9 the answer is 0 or 1 to within 1e-19.
    /// </summary>
    public static double Cdf(double x)
    {
        if (x < -9)
            return 0;
        if (x > 9)
            return 1;
        double sum = x, previous = 0, term = x, square = x * x;
        for (double i = 1; sum != previous; )
        {
            previous = sum;
            i += 2;
            term *= square / i;
            sum = previous + term;
        }

        return 0.5 + sum * Math.Exp(-0.5 * square - 0.91893853320467274178); // ln √(2π)
    }

    /// <summary>P(|Z| &gt; x) for x ≥ 0.</summary>
    public static double TwoSidedTail(double x) => 2 * Cdf(-x);
}
