using FsCheck;
using FsCheck.Xunit;
using SurgeCollapse.Simd.Kernels;
using SurgeCollapse.Simd.Noise;
using SurgeCollapse.Simd.Tests.Reference;
using Xunit;
using Xunit.Sdk;

namespace SurgeCollapse.Simd.Tests.Noise;

public sealed class NormalGeneratorTests
{
    private const float Sentinel = 1234.5f;

    /// <summary>
    /// 10⁶ draws at fixed seeds against N(0, 1). The sample mean has standard error 1/√n = 1e-3 and the sample variance
    /// √(2/n) = 1.4e-3; both are asserted within 5 standard errors (p ≈ 6e-7 each). Kolmogorov–Smirnov: D is the
    /// largest distance between the empirical CDF and Φ; for large n, P(√n·D &gt; x) → 2·Σₖ (−1)^(k−1)·e^(−2k²x²),
    /// which is 0.001 at x = 1.95, so D must stay below 1.95/√n = 0.00195 (α = 0.001). Φ is computed in double to
    /// 1e-15 (Marsaglia), and float resolution moves the empirical CDF by less than 1e-7, far below that.
    /// </summary>
    [Theory]
    [InlineData(1UL, 0UL)]
    [InlineData(0x9E3779B97F4A7C15UL, 3UL)]
    public void Draws_follow_the_standard_normal_distribution(ulong seed, ulong stream)
    {
        const int N = 1_000_000;
        var values = new float[N];
        new NormalGenerator(seed, stream).FillStandardNormal(values);

        double sum = 0, sumOfSquares = 0;
        foreach (float value in values)
        {
            sum += value;
            sumOfSquares += (double)value * value;
        }

        double mean = sum / N, variance = sumOfSquares / N - mean * mean;
        Assert.True(Math.Abs(mean) <= 5 / Math.Sqrt(N), $"mean {mean:G4}");
        Assert.True(Math.Abs(variance - 1) <= 5 * Math.Sqrt(2.0 / N), $"variance {variance:G6}");

        Array.Sort(values);
        double distance = 0;
        for (int i = 0; i < N; i++)
        {
            double cdf = NormalDistribution.Cdf(values[i]);
            distance = Math.Max(distance, Math.Max((i + 1.0) / N - cdf, cdf - (double)i / N));
        }

        Assert.True(distance < 1.95 / Math.Sqrt(N), $"Kolmogorov–Smirnov D = {distance:G4}, critical value {1.95 / Math.Sqrt(N):G4}");
    }

    /// <summary>The tests' Φ against tabulated values of the standard normal CDF, to 1e-14.</summary>
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.0, 0.8413447460685429)]
    [InlineData(2.5, 0.9937903346742238)]
    [InlineData(-2.0, 0.022750131948179195)]
    [InlineData(-3.0, 0.0013498980316300946)]
    [InlineData(-4.0, 3.1671241833119857e-05)]
    public void Reference_normal_cdf_matches_tabulated_values(double x, double expected) =>
        Assert.Equal(expected, NormalDistribution.Cdf(x), 1e-14);

    /// <summary>
    /// Over 10⁷ draws, the counts beyond 3σ and 4σ are binomial(n, p) with p = P(|Z| &gt; t): asserted within 5 of their
    /// standard deviations √(n·p·(1 − p)) (3σ: 26,998 ± 821; 4σ: 633 ± 126). No value exceeds the design's bound
    /// √(64 ln 2) = 6.6604, and the tail is reached: a draw beyond 4.5σ has probability 6.8e-6, so 10⁷ draws without
    /// one have probability e^(−68).
    /// </summary>
    [Fact]
    public void Tails_beyond_three_and_four_sigma_have_normal_frequencies()
    {
        const long N = 10_000_000;
        var generator = new NormalGenerator(seed: 17);
        var block = new float[1 << 16];
        long beyond3 = 0, beyond4 = 0;
        float largest = 0;
        for (long drawn = 0; drawn < N; drawn += block.Length)
        {
            Span<float> values = block.AsSpan(0, (int)Math.Min(block.Length, N - drawn));
            generator.FillStandardNormal(values);
            foreach (float value in values)
            {
                float magnitude = Math.Abs(value);
                beyond3 += magnitude > 3 ? 1 : 0;
                beyond4 += magnitude > 4 ? 1 : 0;
                largest = Math.Max(largest, magnitude);
            }
        }

        foreach ((double threshold, long count) in new[] { (3.0, beyond3), (4.0, beyond4) })
        {
            double p = NormalDistribution.TwoSidedTail(threshold), expected = N * p, deviation = Math.Sqrt(N * p * (1 - p));
            Assert.True(Math.Abs(count - expected) <= 5 * deviation, $"beyond {threshold}σ: {count}, expected {expected:F0} ± {deviation:F0}");
        }

        Assert.InRange(largest, 4.5f, 6.6605f);
    }

    /// <summary>
    /// Values at the distances the layout ties together are uncorrelated: neighbours (lag 1), the cosine and sine of
    /// one Box–Muller pair (lag 16), the two pairs of one counter (lag 32), the next chunk (lag 64). For the cosine and
    /// sine of a pair, which share their radius, the squares are checked too: they are independent only if the radius
    /// has the right distribution. Each correlation over 10⁶ pairs has standard error 1/√n: asserted within 5 of them.
    /// </summary>
    [Fact]
    public void Values_are_uncorrelated_at_the_lags_of_the_layout()
    {
        const int N = 1_000_000;
        var values = new float[N + 64];
        new NormalGenerator(seed: 23).FillStandardNormal(values);
        double limit = 5 / Math.Sqrt(N);
        foreach (int lag in new[] { 1, 15, 16, 17, 32, 48, 64 })
        {
            double correlation = Correlation(values.AsSpan(0, N), values.AsSpan(lag, N));
            Assert.True(Math.Abs(correlation) <= limit, $"lag {lag}: correlation {correlation:G3}");
        }

        foreach (int lag in new[] { 16, 32 })
        {
            double correlation = Correlation(values.AsSpan(0, N), values.AsSpan(lag, N), square: true);
            Assert.True(Math.Abs(correlation) <= limit, $"lag {lag}: correlation of squares {correlation:G3}");
        }
    }

    /// <summary>
    /// The same (seed, stream) gives the same values; changing either, in any word, gives values unrelated to them:
    /// no two equal, and a correlation within 5/√4096 = 0.078 of 0.
    /// </summary>
    [Fact]
    public void Seed_and_stream_fix_the_values_and_any_other_pair_gives_an_unrelated_stream()
    {
        float[] reference = Draw(5, 1);
        Assert.Equal(reference, Draw(5, 1));
        foreach ((ulong seed, ulong stream) in new[] { (6UL, 1UL), (5UL, 2UL), (1UL, 5UL), (5UL | 1UL << 32, 1UL), (5UL, 1UL | 1UL << 63), (0UL, 0UL) })
        {
            float[] other = Draw(seed, stream);
            int equal = reference.Zip(other).Count(pair => pair.First == pair.Second);
            Assert.True(equal == 0, $"({seed}, {stream}): {equal} values equal to those of (5, 1)");
            double correlation = Correlation(reference, other);
            Assert.True(Math.Abs(correlation) <= 5 / Math.Sqrt(reference.Length), $"({seed}, {stream}): correlation {correlation:G3} with (5, 1)");
        }

        static float[] Draw(ulong seed, ulong stream)
        {
            var values = new float[4096];
            new NormalGenerator(seed, stream).FillStandardNormal(values);
            return values;
        }
    }

    /// <summary>
    /// The stream does not depend on how it is cut: pieces of any length, drawn by any of the three methods
    /// (AddNormal with σ = 1 onto zeros, FillNormal with mean 0 and σ = 1 both give z exactly), from any starting
    /// position, are one draw of the total length.
    /// </summary>
    [Property(MaxTest = 40)]
    public void Drawing_in_pieces_equals_drawing_at_once_from_any_position(ulong seed, ulong stream, NonNegativeInt start, PositiveInt[] pieces)
    {
        long position = start.Get % 3 == 0 ? start.Get : (long)start.Get << 24;
        int[] lengths = pieces.Select((piece, i) => piece.Get % (i % 4 == 3 ? 1500 : 150)).ToArray();
        var whole = new float[lengths.Sum()];
        new NormalGenerator(seed, stream) { Position = position }.FillStandardNormal(whole);

        var generator = new NormalGenerator(seed, stream) { Position = position };
        var cut = new float[whole.Length];
        int at = 0;
        for (int i = 0; i < lengths.Length; i++)
        {
            Span<float> piece = cut.AsSpan(at, lengths[i]);
            switch (i % 3)
            {
                case 0:
                    generator.FillStandardNormal(piece);
                    break;
                case 1:
                    generator.AddNormal(piece, 1f);
                    break;
                default:
                    generator.FillNormal(piece, 0f, 1f);
                    break;
            }

            at += lengths[i];
        }

        Assert.Equal(whole, cut);
        Assert.Equal(position + whole.Length, generator.Position);
    }

    /// <summary>
    /// FillNormal gives z·σ + mean and AddNormal values + z·σ, each product and sum rounded once in float32, on every
    /// path, bit for bit: TensorPrimitives' Multiply, Add and MultiplyAdd are not fused.
    /// </summary>
    [Fact]
    public void Fill_normal_and_add_normal_round_as_written_on_every_path()
    {
        const float Mean = -1.25f, Sigma = 0.1f;
        foreach (int length in new[] { 0, 1, 63, 64, 65, 1023, 1024 + 64 + 7, 3000 })
        {
            var z = new float[length];
            new NormalGenerator(29) { Position = 3 }.FillStandardNormal(z, SimdWidth.Scalar);
            float[] values = Generators.RandomArray(length, seed: length);
            foreach (SimdWidth width in Generators.AllWidths)
            {
                var filled = new float[length + 1];
                filled[length] = Sentinel;
                new NormalGenerator(29) { Position = 3 }.FillNormal(filled.AsSpan(0, length), Mean, Sigma, width);
                var added = new float[length + 1];
                values.CopyTo(added, 0);
                added[length] = Sentinel;
                new NormalGenerator(29) { Position = 3 }.AddNormal(added.AsSpan(0, length), Sigma, width);
                for (int i = 0; i < length; i++)
                {
                    AssertSameBits(z[i] * Sigma + Mean, filled[i], $"FillNormal, {width}, length {length}, index {i}");
                    AssertSameBits(values[i] + z[i] * Sigma, added[i], $"AddNormal, {width}, length {length}, index {i}");
                }

                Assert.Equal(Sentinel, filled[length]);
                Assert.Equal(Sentinel, added[length]);
            }
        }
    }

    [Fact]
    public void Bad_arguments_are_rejected_before_anything_is_drawn()
    {
        var generator = new NormalGenerator(1);
        var values = new float[8];
        foreach (float sigma in new[] { -0.1f, float.NaN, float.PositiveInfinity })
        {
            Assert.Equal("standardDeviation", Assert.ThrowsAny<ArgumentOutOfRangeException>(() => generator.AddNormal(values, sigma)).ParamName);
            Assert.Equal("standardDeviation", Assert.ThrowsAny<ArgumentOutOfRangeException>(() => generator.FillNormal(values, 0f, sigma)).ParamName);
        }

        foreach (float mean in new[] { float.NaN, float.NegativeInfinity })
            Assert.Equal("mean", Assert.ThrowsAny<ArgumentOutOfRangeException>(() => generator.FillNormal(values, mean, 1f)).ParamName);
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => generator.Position = -1);
        Assert.Equal(0, generator.Position);
        Assert.Equal((1UL, 0UL), (generator.Seed, generator.Stream));
    }

    /// <summary>All three methods, on 2,053 values (more than one AddNormal block) from unaligned positions, allocate nothing once warm.</summary>
    [Fact]
    public void Drawing_allocates_nothing()
    {
        var generator = new NormalGenerator(31);
        var values = new float[2 * 1024 + 5];
        Assert.Equal(0, Allocations.AfterWarmUp(100, i =>
        {
            generator.FillStandardNormal(values.AsSpan(i % 7));
            generator.FillNormal(values, 1f, 0.5f);
            generator.AddNormal(values, 0.1f);
        }));
    }

    private static void AssertSameBits(float expected, float actual, string what)
    {
        if (BitConverter.SingleToInt32Bits(expected) != BitConverter.SingleToInt32Bits(actual))
            throw new XunitException($"{what}: {actual:R}, expected {expected:R}");
    }

    /// <summary>Pearson's correlation of (x[i], y[i]), or of their squares; x and y may be one array at a lag.</summary>
    private static double Correlation(ReadOnlySpan<float> x, ReadOnlySpan<float> y, bool square = false)
    {
        double sumX = 0, sumY = 0, sumXY = 0, sumXX = 0, sumYY = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double a = x[i], b = y[i];
            if (square)
                (a, b) = (a * a, b * b);
            sumX += a;
            sumY += b;
            sumXY += a * b;
            sumXX += a * a;
            sumYY += b * b;
        }

        int n = x.Length;
        return (sumXY - sumX * sumY / n) / Math.Sqrt((sumXX - sumX * sumX / n) * (sumYY - sumY * sumY / n));
    }
}
