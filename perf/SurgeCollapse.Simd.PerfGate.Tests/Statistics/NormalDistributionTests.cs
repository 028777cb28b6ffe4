using SurgeCollapse.Simd.PerfGate.Statistics;
using Xunit;

namespace SurgeCollapse.Simd.PerfGate.Tests.Statistics;

public class NormalDistributionTests
{
    // References: C's erfc (glibc, via Python's math.erfc); the tolerance is relative to the value.
    [Theory]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(2.4, 0.0006885138966450789)] // last point of the series
    [InlineData(2.6, 0.00023603441652934908)] // first point of the continued fraction
    [InlineData(3.0, 2.2090496998585438e-05)]
    [InlineData(-1.0, 1.842700792949715)]
    public void Erfc_matches_the_C_library(double x, double expected) =>
        Assert.Equal(1.0, NormalDistribution.Erfc(x) / expected, 1e-12);

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.96, 0.9750021048517795)]
    [InlineData(-3.0, 0.0013498980316300957)]
    [InlineData(-7.0, 1.279812543885835e-12)]
    public void Cdf_matches_known_quantiles(double z, double expected) =>
        Assert.Equal(1.0, NormalDistribution.Cdf(z) / expected, 1e-12);
}
