using FsCheck.Xunit;
using SurgeCollapse.Simd.Statistics;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Statistics;

/// <summary>Student's t quantiles against published tables, closed forms, the normal limit and the distribution function.</summary>
public sealed class StudentTTests
{
    /// <summary>
    /// Two-sided 95 % critical values t_{0.975, ν} as printed in the standard tables (NIST/SEMATECH e-Handbook §1.3.6.7.2,
    /// three decimals); the tables round, so the tolerance is half a unit of their last place.
    /// </summary>
    [Theory]
    [InlineData(1, 12.706)]
    [InlineData(2, 4.303)]
    [InlineData(3, 3.182)]
    [InlineData(4, 2.776)]
    [InlineData(5, 2.571)]
    [InlineData(10, 2.228)]
    [InlineData(20, 2.086)]
    [InlineData(30, 2.042)]
    [InlineData(60, 2.000)]
    [InlineData(100, 1.984)]
    [InlineData(1_000_000, 1.960)]
    public void Two_sided_95_percent_critical_values_match_the_published_table(double degreesOfFreedom, double published)
    {
        double actual = StudentT.Quantile(0.975, degreesOfFreedom);
        Assert.True(Math.Abs(actual - published) <= 0.0005, $"ν = {degreesOfFreedom}: got {actual:R}, table {published}");
    }

    /// <summary>
    /// Other levels from the same table (one-sided 0.95 and 0.995), to check the inversion away from 0.975.
    /// </summary>
    [Theory]
    [InlineData(0.95, 1, 6.314)]
    [InlineData(0.95, 10, 1.812)]
    [InlineData(0.995, 1, 63.657)]
    [InlineData(0.995, 10, 3.169)]
    [InlineData(0.995, 30, 2.750)]
    public void Other_levels_match_the_published_table(double probability, double degreesOfFreedom, double published)
    {
        double actual = StudentT.Quantile(probability, degreesOfFreedom);
        Assert.True(Math.Abs(actual - published) <= 0.0005, $"p = {probability}, ν = {degreesOfFreedom}: got {actual:R}, table {published}");
    }

    /// <summary>The normal limit z_{0.975} = 1.959963984540054 (to 16 digits, e.g. Abramowitz &amp; Stegun 26.2 tables).</summary>
    [Fact]
    public void Infinite_degrees_of_freedom_give_the_normal_quantile_to_double_precision()
    {
        Assert.Equal(1.959963984540054, StudentT.Quantile(0.975, double.PositiveInfinity), 1e-14);
        Assert.Equal(2.5758293035489004, StudentT.Quantile(0.995, double.PositiveInfinity), 1e-13);
        Assert.Equal(-1.959963984540054, StudentT.Quantile(0.025, double.PositiveInfinity), 1e-14);
    }

    /// <summary>
    /// Large ν approaches the normal value from above, and both sides of the switch to the Cornish–Fisher expansion
    /// agree: the slope there is about −g₁/ν² ≈ −2.4e-10 per unit of ν, so 1e-9 apart means no step at the seam.
    /// </summary>
    [Fact]
    public void Large_degrees_of_freedom_approach_the_normal_limit_without_a_step()
    {
        double below = StudentT.Quantile(0.975, StudentT.LargeDegreesOfFreedom);
        double above = StudentT.Quantile(0.975, StudentT.LargeDegreesOfFreedom * (1 + 1e-9));
        Assert.True(Math.Abs(below - above) < 1e-9, $"{below:R} below the seam, {above:R} above");
        double previous = double.PositiveInfinity;
        foreach (double degrees in new[] { 100.0, 1e3, 1e4, 1e5, 1e6, 1e8, 1e12 })
        {
            double t = StudentT.Quantile(0.975, degrees);
            Assert.True(t < previous && t > 1.959963984540054, $"ν = {degrees}: {t:R} after {previous:R}");
            previous = t;
        }

        Assert.Equal(1.959963984540054, previous, 1e-11);
    }

    /// <summary>
    /// ν = 1 is the Cauchy distribution: t_p = tan(π(p − ½)), evaluated as −cot(πp) or cot(π(1 − p)) so that the
    /// closed form does not itself lose digits near its pole. Tolerance: 1e-11 relative.
    /// </summary>
    [Property(MaxTest = 200)]
    public void One_degree_of_freedom_is_the_cauchy_quantile(int seed)
    {
        double p = Probability(seed);
        double expected = p < 0.5 ? -1 / Math.Tan(Math.PI * p) : 1 / Math.Tan(Math.PI * (1 - p));
        AssertClose(expected, StudentT.Quantile(p, 1), 1e-11, $"p = {p:R}");
    }

    /// <summary>ν = 2 has the closed form t_p = (2p − 1) / √(2p(1 − p)).</summary>
    [Property(MaxTest = 200)]
    public void Two_degrees_of_freedom_match_the_closed_form(int seed)
    {
        double p = Probability(seed);
        double expected = (2 * p - 1) / Math.Sqrt(2 * p * (1 - p));
        AssertClose(expected, StudentT.Quantile(p, 2), 1e-11, $"p = {p:R}");
    }

    /// <summary>
    /// ν = 4 has the closed form t_p = sign(p − ½)·2√(q − 1), q = cos(arccos(√α)/3)/√α, α = 4p(1 − p)
    /// (Hill 1970; Shaw 2006). The closed form itself loses digits as p → ½, hence the looser tolerance.
    /// </summary>
    [Property(MaxTest = 200)]
    public void Four_degrees_of_freedom_match_the_closed_form(int seed)
    {
        double p = Probability(seed);
        double alpha = 4 * p * (1 - p);
        double q = Math.Cos(Math.Acos(Math.Sqrt(alpha)) / 3) / Math.Sqrt(alpha);
        double expected = Math.Sign(p - 0.5) * 2 * Math.Sqrt(q - 1);
        AssertClose(expected, StudentT.Quantile(p, 4), 1e-8, $"p = {p:R}");
    }

    /// <summary>
    /// The quantile inverts the distribution function for any ν, fractional included, and is odd: t_{1−p} = −t_p.
    /// Tolerance: both functions are accurate to about 1e-13; 1e-10 leaves room for the conditioning of the tails.
    /// The symmetry is checked on a pair p, 1 − p that are both exact doubles, so rounding 1 − p does not count.
    /// </summary>
    [Property(MaxTest = 300)]
    public void Quantile_inverts_the_distribution_function_and_is_symmetric(int seed)
    {
        double p = Probability(seed);
        double degrees = DegreesOfFreedom(seed);
        double t = StudentT.Quantile(p, degrees);
        double back = StudentT.CumulativeDistribution(t, degrees);
        AssertClose(p, back, 1e-10, $"ν = {degrees:R}, p = {p:R}, t = {t:R}");
        // In the lower tail the distribution function returns the tail itself, so it must hold relative digits too.
        if (p < 0.5)
            Assert.True(Math.Abs(back - p) <= 1e-10 * p, $"lower tail at ν = {degrees:R}: p = {p:R}, back {back:R}");
        double mirror = 1 - p, exact = 1 - mirror;
        AssertClose(-StudentT.Quantile(exact, degrees), StudentT.Quantile(mirror, degrees), 1e-10, $"symmetry at ν = {degrees:R}, p = {exact:R}");
    }

    [Fact]
    public void Edges_give_zero_and_infinities_and_bad_arguments_throw()
    {
        Assert.Equal(0, StudentT.Quantile(0.5, 7));
        Assert.Equal(double.PositiveInfinity, StudentT.Quantile(1, 7));
        Assert.Equal(double.NegativeInfinity, StudentT.Quantile(0, 7));
        Assert.Equal(0.5, StudentT.CumulativeDistribution(0, 3), 1e-15);
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile(1.5, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile(double.NaN, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile(0.9, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile(0.9, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.CumulativeDistribution(1, double.PositiveInfinity));
    }

    /// <summary>A probability in (0, 1) spread over the bulk and both far tails (down to 1e-12).</summary>
    private static double Probability(int seed)
    {
        var random = new Random(seed);
        double p = random.Next(3) switch
        {
            0 => random.NextDouble(),
            1 => Math.Pow(10, -12 * random.NextDouble()),
            _ => 1 - Math.Pow(10, -12 * random.NextDouble()),
        };
        return Math.Clamp(p, 1e-12, 1 - 1e-12);
    }

    /// <summary>Degrees of freedom from 0.5 to 1e5, log-uniform, half of them integers.</summary>
    private static double DegreesOfFreedom(int seed)
    {
        var random = new Random(unchecked(seed * 31 + 7));
        double degrees = 0.5 * Math.Pow(2e5, random.NextDouble());
        return random.Next(2) == 0 ? Math.Max(1, Math.Round(degrees)) : degrees;
    }

    private static void AssertClose(double expected, double actual, double relative, string what)
    {
        double allowed = relative * Math.Max(1, Math.Max(Math.Abs(expected), Math.Abs(actual)));
        Assert.True(Math.Abs(expected - actual) <= allowed,
            $"{what}: expected {expected:R}, got {actual:R}, difference {Math.Abs(expected - actual):G3} > {allowed:G3}");
    }
}
