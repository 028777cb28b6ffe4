using SurgeCollapse.Simd.PerfGate.Statistics;
using Xunit;

namespace SurgeCollapse.Simd.PerfGate.Tests.Statistics;

public class MannWhitneyTestTests
{
    // R's ?wilcox.test example (Hollander & Wolfe, permeability constants): wilcox.test(x, y, alternative = "g")
    // prints W = 35, p-value = 0.1272; the two-sided exact p is twice that, 0.2544.
    private static readonly double[] HollanderWolfeX = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    private static readonly double[] HollanderWolfeY = [1.15, 0.88, 0.90, 0.74, 1.21];

    // mtcars$mpg split by am: wilcox.test(mpg ~ am, data = mtcars) prints W = 42, p-value = 0.001871 with the
    // warning "cannot compute exact p-value with ties" (normal approximation, tie and continuity corrections).
    private static readonly double[] MtcarsAutomatic =
        [21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3, 15.2, 10.4, 10.4, 14.7, 21.5, 15.5, 15.2, 13.3, 19.2];
    private static readonly double[] MtcarsManual = [21.0, 21.0, 22.8, 32.4, 30.4, 33.9, 27.3, 26.0, 30.4, 15.8, 19.7, 15.0, 21.4];

    [Fact]
    public void Exact_test_matches_R_on_the_wilcox_test_example()
    {
        MannWhitneyResult result = MannWhitneyTest.Run(HollanderWolfeX, HollanderWolfeY);

        Assert.True(result.Exact);
        Assert.Equal(35, result.U);
        Assert.Equal(0.2544122544, result.PValue, 1e-9); // 2·P(W ≥ 35) over C(15, 5) = 3003 arrangements; 1e-9 is R's printed precision and more
    }

    [Fact]
    public void Normal_approximation_with_ties_matches_R_on_mtcars()
    {
        MannWhitneyResult result = MannWhitneyTest.Run(MtcarsAutomatic, MtcarsManual);

        Assert.False(result.Exact); // 10.4, 15.2, 19.2, 21.0, 21.4, 22.8 and 30.4 are tied
        Assert.Equal(42, result.U);
        Assert.Equal(0.001871391, result.PValue, 1e-9); // R prints 0.001871; 1e-9 covers the digits of an independent double computation
    }

    [Fact]
    public void U_of_the_second_sample_is_the_complement_and_p_is_symmetric()
    {
        MannWhitneyResult forward = MannWhitneyTest.Run(HollanderWolfeX, HollanderWolfeY);
        MannWhitneyResult backward = MannWhitneyTest.Run(HollanderWolfeY, HollanderWolfeX);

        Assert.Equal(HollanderWolfeX.Length * HollanderWolfeY.Length - forward.U, backward.U);
        Assert.Equal(forward.PValue, backward.PValue, 1e-15); // same tail sum, other end
    }

    [Fact]
    public void Complete_separation_of_small_samples_gives_the_smallest_exact_p()
    {
        // 1 arrangement in C(6,3) = 20 at each end: p = 2/20; with 4 against 4, 2/70.
        Assert.Equal(0.1, MannWhitneyTest.Run([1, 2, 3], [4, 5, 6]).PValue, 1e-15);
        Assert.Equal(2.0 / 70, MannWhitneyTest.Run([1, 2, 3, 4], [5, 6, 7, 8]).PValue, 1e-15);
        Assert.Equal(0.1, MannWhitneyTest.SmallestPossiblePValue(3, 3), 1e-15);
    }

    [Fact]
    public void Exact_twelve_against_twelve_matches_an_independent_recursion()
    {
        // x = 1…12, y = x + 4.5: U = 28. Reference from the recursion f(m,n,u) = f(m−1,n,u−n) + f(m,n−1,u).
        double[] x = [.. Enumerable.Range(1, 12).Select(v => (double)v)];
        double[] y = [.. x.Select(v => v + 4.5)];

        MannWhitneyResult result = MannWhitneyTest.Run(x, y);

        Assert.True(result.Exact);
        Assert.Equal(28, result.U);
        Assert.Equal(0.010044538850569272, result.PValue, 1e-13); // sums of exact integer counts in doubles
    }

    [Fact]
    public void Large_samples_use_the_normal_approximation_far_into_the_tail()
    {
        // 60 against 60 with no ties: U = 435, z ≈ −7.16; reference: R's formula evaluated with a library erfc.
        double[] x = [.. Enumerable.Range(0, 60).Select(i => 100.0 + i)];
        double[] y = [.. Enumerable.Range(0, 60).Select(i => 130.5 + i)];

        MannWhitneyResult result = MannWhitneyTest.Run(x, y);

        Assert.False(result.Exact);
        Assert.Equal(435, result.U);
        Assert.Equal(7.964332670470494e-13, result.PValue, 1e-20); // relative 1e-8 of a tail that small
    }

    [Fact]
    public void Identical_samples_give_p_one()
    {
        double[] constant = [5, 5, 5, 5, 5, 5];
        Assert.Equal(1.0, MannWhitneyTest.Run(constant, constant).PValue);

        double[] spread = [1, 2, 3, 4, 5, 6, 7];
        Assert.Equal(1.0, MannWhitneyTest.Run(spread, spread).PValue, 1e-12);
    }
}
