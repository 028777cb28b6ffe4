namespace SurgeCollapse.Simd.PerfGate.Statistics;

/// <summary>The standard normal distribution function, from the complementary error function (no dependency).</summary>
internal static class NormalDistribution
{
    /// <summary>P(Z ≤ z) for a standard normal Z, to about 1e-14 absolute.</summary>
    public static double Cdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2.0));

    /// <summary>
    /// erfc(x): the Maclaurin series of erf for |x| &lt; 2.5 (terms fall fast enough that cancellation costs under
    /// three digits), the continued fraction of erfc beyond (Abramowitz &amp; Stegun 7.1.14, evaluated by the
    /// modified Lentz method), and erfc(-x) = 2 − erfc(x) for negative x.
    /// </summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
            return double.NaN;
        if (x < 0)
            return 2.0 - Erfc(-x);
        if (x < 2.5)
            return 1.0 - ErfSeries(x);
        return ErfcContinuedFraction(x);
    }

    private static double ErfSeries(double x)
    {
        // erf x = 2/√π · Σ (−1)ⁿ x^(2n+1) / (n! (2n+1))
        double term = x, sum = x, x2 = x * x;
        for (int n = 1; n < 200; n++)
        {
            term *= -x2 / n;
            double contribution = term / (2 * n + 1);
            sum += contribution;
            if (Math.Abs(contribution) < 1e-17 * Math.Abs(sum))
                break;
        }

        return 2.0 / Math.Sqrt(Math.PI) * sum;
    }

    private static double ErfcContinuedFraction(double x)
    {
        // erfc x = exp(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
        const double tiny = 1e-300;
        double f = x, c = x, d = 0;
        for (int n = 1; n < 500; n++)
        {
            double a = n / 2.0;
            d = x + a * d;
            d = Math.Abs(d) < tiny ? tiny : d;
            c = x + a / c;
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1.0 / d;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1.0) < 1e-16)
                break;
        }

        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / f;
    }
}
