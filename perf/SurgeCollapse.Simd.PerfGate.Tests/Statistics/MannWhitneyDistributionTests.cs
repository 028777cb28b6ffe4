using SurgeCollapse.Simd.PerfGate.Statistics;
using Xunit;

namespace SurgeCollapse.Simd.PerfGate.Tests.Statistics;

public class MannWhitneyDistributionTests
{
    [Fact]
    public void Counts_of_four_against_three_are_the_Gaussian_binomial_coefficients()
    {
        // [7 choose 3]_q: symmetric, summing to C(7, 3) = 35 (checked against the recursion f(m,n,u)).
        Assert.Equal([1, 1, 2, 3, 4, 4, 5, 4, 4, 3, 2, 1, 1], MannWhitneyDistribution.Counts(4, 3));
        Assert.Equal(35, MannWhitneyDistribution.Total(4, 3));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 9)]
    [InlineData(20, 20)]
    [InlineData(49, 49)]
    public void Counts_sum_to_the_number_of_arrangements_and_are_symmetric(int m, int n)
    {
        double[] counts = MannWhitneyDistribution.Counts(m, n);

        double total = MannWhitneyDistribution.Total(m, n);
        Assert.Equal(1.0, counts.Sum() / total, 1e-12); // C(98, 49) ≈ 2.5e28: doubles, so relative
        for (int u = 0; u < counts.Length; u++)
            Assert.Equal(1.0, counts[u] / counts[^(u + 1)], 1e-9);
    }
}
