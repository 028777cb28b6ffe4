using FsCheck.Xunit;
using SurgeCollapse.Simd.Kernels;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Kernels;

public sealed class ReductionsTests
{
    /// <summary>
    /// Every path equals a plain double sum within n·2⁻⁵³ relative (each addition rounds once, squares are exact),
    /// for every length 0..256 and 511..513 (DESIGN 17), so remainders of every vector width are covered.
    /// </summary>
    [Property(MaxTest = 20)]
    public void Sum_of_squares_equals_the_double_sum_on_every_path(int seed)
    {
        foreach (int length in Enumerable.Range(0, 257).Concat([511, 512, 513]))
        {
            float[] values = Generators.RandomArray(length, seed + length);
            double expected = 0;
            foreach (float v in values)
                expected += (double)v * v;
            foreach (SimdWidth width in Generators.AllWidths)
            {
                double actual = Reductions.SumOfSquares(values, width);
                Assert.True(Math.Abs(actual - expected) <= (length + 1) * Math.Pow(2, -53) * expected,
                    $"length {length} on {width}: {actual:R} vs {expected:R}");
            }
        }
    }

    /// <summary>Counting zeros (the sparsity of a tensor) equals a scalar count on every path, for +0 and −0 among NaN,
    /// ±∞ and subnormals, at every length 0..256 and 511..513 so every remainder of the vector loops is hit.</summary>
    [Property(MaxTest = 20)]
    public void Count_of_zeros_equals_a_scalar_count_on_every_path(int seed)
    {
        var random = new Random(seed);
        foreach (int length in Enumerable.Range(0, 257).Concat([511, 512, 513]))
        {
            float[] values = SpecialValues.Sprinkle(Generators.RandomArray(length, seed + length), seed);
            for (int i = 0; i < length; i++)
            {
                if (random.Next(3) == 0)
                    values[i] = random.Next(2) == 0 ? 0f : -0f;
            }

            int expected = 0;
            foreach (float value in values)
                expected += value == 0f ? 1 : 0;
            foreach (SimdWidth width in Generators.AllWidths)
                Assert.True(expected == Reductions.CountZeros(values, width), $"length {length} on {width}: {Reductions.CountZeros(values, width)} zeros, expected {expected}");
        }
    }
}
