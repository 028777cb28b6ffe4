namespace SurgeCollapse.Simd.Statistics;

/// <summary>
/// The special functions behind Student's t distribution, in double: ln Γ, the regularized incomplete beta function
/// I_x(a, b) and its inverse, and the standard normal quantile for the limit of infinite degrees of freedom.
/// </summary>
internal static class SpecialFunctions
{
    /// <summary>Relative accuracy the iterations stop at: a few units in the last place of a double.</summary>
    private const double Epsilon = 1e-15;

    /// <summary>Smallest magnitude the continued fraction lets a denominator take (Lentz's method).</summary>
    private const double Tiny = 1e-300;

    /// <summary>Lanczos coefficients for g = 7, n = 9 (relative error about 1e-15 for real x ≥ 0.5).</summary>
    private static ReadOnlySpan<double> Lanczos =>
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>
    /// ln Γ(x) for x &gt; 0 by the Lanczos approximation (g = 7, n = 9), through the reflection formula
    /// Γ(x)Γ(1 − x) = π / sin(πx) below 0.5.
    /// </summary>
    public static double LogGamma(double x)
    {
        if (!(x > 0))
            throw new ArgumentOutOfRangeException(nameof(x), x, "LogGamma is implemented for x > 0 only");
        if (x < 0.5)
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        x -= 1;
        ReadOnlySpan<double> c = Lanczos;
        double sum = c[0];
        for (int i = 1; i < c.Length; i++)
            sum += c[i] / (x + i);
        double t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    /// <summary>
    /// The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b). The caller passes both x and
    /// y = 1 − x so that a value of x close to 1 keeps the precision of its complement.
    /// </summary>
    /// <remarks>
    /// The continued fraction of Numerical Recipes (3rd ed., §6.4, evaluated by the modified Lentz method), applied
    /// directly where it converges fast, x &lt; (a + 1)/(a + b + 2), and through I_x(a, b) = 1 − I_{1−x}(b, a) elsewhere.
    /// </remarks>
    public static double RegularizedIncompleteBeta(double a, double b, double x, double y)
    {
        if (x <= 0)
            return 0;
        if (y <= 0)
            return 1;
        double logFront = LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(y);
        return x < (a + 1) / (a + b + 2)
            ? Math.Exp(logFront) * BetaContinuedFraction(a, b, x) / a
            : 1 - Math.Exp(logFront) * BetaContinuedFraction(b, a, y) / b;
    }

    /// <summary>The continued fraction of I_x(a, b), Numerical Recipes' <c>betacf</c>.</summary>
    private static double BetaContinuedFraction(double a, double b, double x)
    {
        double sum = a + b, plusOne = a + 1, minusOne = a - 1;
        double c = 1, d = 1 - sum * x / plusOne;
        d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
        double h = d;
        for (int m = 1; m <= 100_000; m++)
        {
            int m2 = 2 * m;
            double term = m * (b - m) * x / ((minusOne + m2) * (a + m2));
            d = 1 + term * d;
            d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
            c = 1 + term / c;
            if (Math.Abs(c) < Tiny)
                c = Tiny;
            h *= d * c;
            term = -(a + m) * (sum + m) * x / ((a + m2) * (plusOne + m2));
            d = 1 + term * d;
            d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
            c = 1 + term / c;
            if (Math.Abs(c) < Tiny)
                c = Tiny;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
                return h;
        }

        throw new InvalidOperationException($"the incomplete beta continued fraction did not converge for a = {a}, b = {b}, x = {x}");
    }

    /// <summary>
    /// The x in [0, 1] with I_x(a, b) = <paramref name="p"/>, or with <paramref name="upper"/> the x whose upper tail
    /// 1 − I_x(a, b) = I_{1−x}(b, a) is <paramref name="p"/>: then a tiny tail keeps its digits instead of drowning in
    /// 1 − p. Precise where x is small; for x near 1 solve the mirrored problem, so that 1 − x carries the digits.
    /// </summary>
    /// <remarks>
    /// Numerical Recipes' <c>invbetai</c> (3rd ed., §6.14): a first guess from Abramowitz &amp; Stegun 26.5.22 when
    /// a, b ≥ 1 (else from the leading terms of the series at both ends), then Halley steps on the error in the
    /// probability, run here to double precision.
    /// </remarks>
    public static double InverseRegularizedIncompleteBeta(double p, double a, double b, bool upper = false)
    {
        if (p <= 0)
            return upper ? 1 : 0;
        if (p >= 1)
            return upper ? 0 : 1;
        double lower = upper ? 1 - p : p, tail = upper ? p : 1 - p;
        double x;
        if (a >= 1 && b >= 1)
        {
            double t = Math.Sqrt(-2 * Math.Log(Math.Min(lower, tail)));
            double z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
            if (lower < 0.5)
                z = -z;
            double al = (z * z - 3) / 6;
            double h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
            double w = z * Math.Sqrt(al + h) / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5.0 / 6 - 2 / (3 * h));
            x = a / (a + b * Math.Exp(2 * w));
        }
        else
        {
            double logA = Math.Log(a / (a + b)), logB = Math.Log(b / (a + b));
            double t = Math.Exp(a * logA) / a, u = Math.Exp(b * logB) / b, w = t + u;
            x = lower < t / w ? Math.Pow(a * w * lower, 1 / a) : 1 - Math.Pow(b * w * tail, 1 / b);
        }

        double logBeta = LogGamma(a) + LogGamma(b) - LogGamma(a + b);
        for (int iteration = 0; iteration < 200; iteration++)
        {
            if (x <= 0 || x >= 1)
                break;
            // The same function either way, I_x(a, b) − (1 − tail); the upper form evaluates it from the tail side.
            double error = upper
                ? p - RegularizedIncompleteBeta(b, a, 1 - x, x)
                : RegularizedIncompleteBeta(a, b, x, 1 - x) - p;
            double density = Math.Exp((a - 1) * Math.Log(x) + (b - 1) * Math.Log(1 - x) - logBeta);
            double newton = error / density;
            double step = newton / (1 - 0.5 * Math.Min(1, newton * ((a - 1) / x - (b - 1) / (1 - x))));
            x -= step;
            if (x <= 0)
                x = 0.5 * (x + step);
            if (x >= 1)
                x = 0.5 * (x + step + 1);
            if (Math.Abs(step) <= Epsilon * x && iteration > 0)
                break;
        }

        return x;
    }

    /// <summary>
    /// The standard normal quantile Φ⁻¹(p), the limit of Student's t quantile for infinitely many degrees of freedom:
    /// Acklam's rational approximation (relative error below 1.15e-9), refined by one Halley step on Φ(z) − p, which
    /// brings it to double precision.
    /// </summary>
    public static double NormalQuantile(double p)
    {
        if (p <= 0)
            return double.NegativeInfinity;
        if (p >= 1)
            return double.PositiveInfinity;
        const double Low = 0.02425;
        double z;
        if (p < Low)
        {
            z = TailRatio(Math.Sqrt(-2 * Math.Log(p)));
        }
        else if (p > 1 - Low)
        {
            z = -TailRatio(Math.Sqrt(-2 * Math.Log(1 - p)));
        }
        else
        {
            double q = p - 0.5, r = q * q;
            z = (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r
                     + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * q
                / (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r
                     + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1);
        }

        // Halley's step (Acklam's own refinement): e = Φ(z) − p, u = e·√(2π)·exp(z²/2), z ← z − u / (1 + z·u/2).
        double error = NormalDistribution(z) - p;
        double u = error * Math.Sqrt(2 * Math.PI) * Math.Exp(z * z / 2);
        return z - u / (1 + z * u / 2);

        static double TailRatio(double q) =>
            (((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q
               - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00)
            / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q
                + 3.754408661907416e+00) * q + 1);
    }

    /// <summary>
    /// Φ(z), the standard normal distribution function, from the regularized incomplete gamma function:
    /// Φ(−|z|) = Q(1/2, z²/2) / 2 (Abramowitz &amp; Stegun 7.1.2, 6.5.17), so each tail keeps its relative precision.
    /// </summary>
    public static double NormalDistribution(double z)
    {
        double tail = 0.5 * RegularizedGamma(0.5, z * z / 2, upper: true);
        return z < 0 ? tail : 1 - tail;
    }

    /// <summary>
    /// The regularized incomplete gamma function P(a, x) or, with <paramref name="upper"/>, Q(a, x) = 1 − P(a, x):
    /// its series where x &lt; a + 1 and its continued fraction elsewhere (Numerical Recipes 3rd ed., §6.2), each giving
    /// the smaller of the two directly.
    /// </summary>
    public static double RegularizedGamma(double a, double x, bool upper)
    {
        if (x <= 0)
            return upper ? 1 : 0;
        double logFront = a * Math.Log(x) - x - LogGamma(a);
        if (x < a + 1)
        {
            double term = 1 / a, sum = term;
            for (int n = 1; n < 100_000 && Math.Abs(term) > Math.Abs(sum) * Epsilon; n++)
            {
                term *= x / (a + n);
                sum += term;
            }

            double lower = sum * Math.Exp(logFront);
            return upper ? 1 - lower : lower;
        }

        // Modified Lentz evaluation of the continued fraction of Q(a, x).
        double b = x + 1 - a, c = 1 / Tiny, d = 1 / b, h = d;
        for (int i = 1; i < 100_000; i++)
        {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
            c = b + an / c;
            if (Math.Abs(c) < Tiny)
                c = Tiny;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
                break;
        }

        double upperValue = h * Math.Exp(logFront);
        return upper ? upperValue : 1 - upperValue;
    }
}
