using SurgeCollapse.Simd.Noise;

namespace SurgeCollapse.Simd.Data;

/// <summary>
/// Draws from the symmetric Dirichlet distribution Dir(α, …, α): independent Gamma(α, 1) draws divided by their sum.
/// </summary>
/// <remarks>
/// Gamma draws use Marsaglia and Tsang's method ("A simple method for generating gamma variables", ACM TOMS 26(3),
/// 2000), which needs a shape of at least 1; for α &lt; 1 it draws Gamma(α + 1) and multiplies by U^(1/α) (their
/// section 6). The whole draw stays in logarithms, ln G = ln Gamma(α + 1) + ln(U) / α, and the row is normalised
/// as a softmax of those logarithms: for small α, U^(1/α) alone underflows to 0 for many U (α = 0.01 and U &lt; 10⁻³
/// give less than 10⁻³⁰⁰), and a row of zeros cannot be normalised.
/// </remarks>
internal static class Dirichlet
{
    /// <summary>Fills <paramref name="probabilities"/> with one Dir(α, …, α) draw (its entries sum to 1).</summary>
    public static void Fill(ref Xoshiro256 random, double concentration, Span<double> probabilities)
    {
        double largest = double.NegativeInfinity;
        for (int i = 0; i < probabilities.Length; i++)
        {
            probabilities[i] = LogGamma(ref random, concentration);
            largest = Math.Max(largest, probabilities[i]);
        }

        double sum = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            probabilities[i] = Math.Exp(probabilities[i] - largest);
            sum += probabilities[i];
        }

        for (int i = 0; i < probabilities.Length; i++)
            probabilities[i] /= sum;
    }

    /// <summary>The logarithm of one Gamma(<paramref name="shape"/>, 1) draw.</summary>
    public static double LogGamma(ref Xoshiro256 random, double shape)
    {
        if (shape >= 1)
            return Math.Log(MarsagliaTsang(ref random, shape));
        double boosted = Math.Log(MarsagliaTsang(ref random, shape + 1));
        return boosted + Math.Log(1.0 - random.NextDouble()) / shape; // 1 − U is in (0, 1]: the logarithm is finite
    }

    /// <summary>One Gamma(<paramref name="shape"/>, 1) draw for a shape of at least 1, by squeeze-accepted transformed normals.</summary>
    private static double MarsagliaTsang(ref Xoshiro256 random, double shape)
    {
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x = random.NextGaussian();
            double v = 1.0 + c * x;
            if (v <= 0)
                continue;
            v = v * v * v;
            double u = 1.0 - random.NextDouble();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v))
                return d * v;
        }
    }
}
