using SurgeCollapse.Simd.Statistics;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Statistics;

/// <summary>The special functions behind <see cref="StudentT"/> at values known in closed form.</summary>
public sealed class SpecialFunctionsTests
{
    /// <summary>ln Γ at integers (ln (n − 1)!), at ½ (ln √π) and at ¼ via the reflection branch; 1e-13 relative.</summary>
    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 0.0)]
    [InlineData(5, 3.1780538303479458)] // ln 24
    [InlineData(11, 15.104412573075516)] // ln 10!
    [InlineData(0.5, 0.57236494292470009)] // ln √π
    [InlineData(0.25, 1.2880225246980774)] // ln Γ(1/4) = ln 3.6256099082219083
    public void Log_gamma_at_known_points(double x, double expected)
    {
        Assert.Equal(expected, SpecialFunctions.LogGamma(x), 1e-13 * Math.Max(1, Math.Abs(expected)));
    }

    /// <summary>I_x(1, 1) = x, I_x(a, 1) = xᵃ, I_x(1, b) = 1 − (1 − x)ᵇ, and the inverse undoes each.</summary>
    [Theory]
    [InlineData(0.3, 1.0, 1.0)]
    [InlineData(0.7, 2.5, 1.0)]
    [InlineData(0.05, 1.0, 4.0)]
    [InlineData(0.999, 1.0, 0.5)]
    public void Incomplete_beta_closed_forms_and_their_inverse(double x, double a, double b)
    {
        double expected = a == 1 ? 1 - Math.Pow(1 - x, b) : Math.Pow(x, a);
        double actual = SpecialFunctions.RegularizedIncompleteBeta(a, b, x, 1 - x);
        Assert.Equal(expected, actual, 1e-14);
        Assert.Equal(x, SpecialFunctions.InverseRegularizedIncompleteBeta(actual, a, b), 1e-12);
    }

    /// <summary>Φ at 0, ±1.96 and far in the tail (Φ(−10) = 7.619853024160527e-24, relative 1e-12).</summary>
    [Fact]
    public void Normal_distribution_and_quantile()
    {
        Assert.Equal(0.5, SpecialFunctions.NormalDistribution(0), 1e-15);
        Assert.Equal(0.975, SpecialFunctions.NormalDistribution(1.959963984540054), 1e-15);
        Assert.Equal(0.025, SpecialFunctions.NormalDistribution(-1.959963984540054), 1e-15);
        Assert.Equal(7.619853024160527e-24, SpecialFunctions.NormalDistribution(-10), 1e-12 * 7.6e-24);
        Assert.Equal(-10, SpecialFunctions.NormalQuantile(7.619853024160527e-24), 1e-10);
        Assert.Equal(0, SpecialFunctions.NormalQuantile(0.5), 1e-15);
    }
}
