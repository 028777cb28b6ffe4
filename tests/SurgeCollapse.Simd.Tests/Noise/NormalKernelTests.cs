using System.Runtime.Intrinsics;
using SurgeCollapse.Simd.Kernels;
using SurgeCollapse.Simd.Noise;
using SurgeCollapse.Simd.Tests.Reference;
using Xunit;
using Xunit.Sdk;

namespace SurgeCollapse.Simd.Tests.Noise;

public sealed class NormalKernelTests
{
    private const ulong Seed = 0x5EED, Stream = 7;
    private const float Sentinel = 1234.5f;

    /// <summary>
    /// Every length 0..256 and 511..513 (DESIGN 17), and 1221, which spans more than one 1024-value pass of the vector
    /// paths and ends inside a chunk.
    /// </summary>
    private static IEnumerable<int> Lengths => Enumerable.Range(0, 257).Concat([511, 512, 513, 1221]);

    /// <summary>
    /// Start at a chunk boundary and inside a later chunk. (Which part of a chunk is kept is decided before any path
    /// runs; the pieces property of NormalGeneratorTests covers the other starts.)
    /// </summary>
    private static readonly long[] Starts = [0, 5 * 64 + 17];

    /// <summary>
    /// Bit-identical across widths is possible because every path does the same IEEE-754 float operations in the same
    /// order, none fused, and Threefry is integer arithmetic; so this asserts equality, not a tolerance.
    /// </summary>
    [Fact]
    public void Every_path_draws_the_scalar_twin_bit_for_bit_and_leaves_the_sentinel()
    {
        long longest = Starts.Max() + Lengths.Max();
        var reference = new float[(longest + 63) / 64 * 64];
        NormalKernel.FillReference(new ThreefryKey(Seed, Stream), 0, reference);
        foreach (SimdWidth width in Generators.AllWidths)
        {
            foreach (long start in Starts)
            {
                foreach (int length in Lengths)
                {
                    var generator = new NormalGenerator(Seed, Stream) { Position = start };
                    var actual = new float[length + 1];
                    actual[length] = Sentinel;
                    generator.FillStandardNormal(actual.AsSpan(0, length), width);
                    for (int i = 0; i < length; i++)
                    {
                        if (BitConverter.SingleToInt32Bits(actual[i]) != BitConverter.SingleToInt32Bits(reference[start + i]))
                            throw new XunitException($"{width}, start {start}, length {length}, index {i}: {actual[i]:R}, expected {reference[start + i]:R}");
                    }

                    Assert.Equal(Sentinel, actual[length]);
                    Assert.Equal(start + length, generator.Position);
                }
            }
        }
    }

    /// <summary>The vector transforms equal the scalar one on the words where the range reduction and the logarithm have their edges.</summary>
    [Fact]
    public void Box_Muller_paths_equal_the_scalar_twin_on_edge_words()
    {
        (uint[] radii, uint[] angles) = EdgeAndRandomWords(randomPairs: 4096);
        for (int start = 0; start < radii.Length; start += 16)
        {
            var expected = new float[32];
            for (int j = 0; j < 16; j++)
                (expected[j], expected[16 + j]) = NormalKernel.BoxMullerReference(radii[start + j], angles[start + j]);

            var actual512 = new float[32];
            (Vector512<float> cos512, Vector512<float> sin512) = NormalKernel.BoxMuller512(
                Vector512.Create(radii.AsSpan(start, 16)), Vector512.Create(angles.AsSpan(start, 16)));
            cos512.CopyTo(actual512, 0);
            sin512.CopyTo(actual512, 16);

            var actual256 = new float[32];
            var actual128 = new float[32];
            for (int j = 0; j < 16; j += 8)
            {
                (Vector256<float> cos, Vector256<float> sin) = NormalKernel.BoxMuller256(
                    Vector256.Create(radii.AsSpan(start + j, 8)), Vector256.Create(angles.AsSpan(start + j, 8)));
                cos.CopyTo(actual256, j);
                sin.CopyTo(actual256, 16 + j);
            }

            for (int j = 0; j < 16; j += 4)
            {
                (Vector128<float> cos, Vector128<float> sin) = NormalKernel.BoxMuller128(
                    Vector128.Create(radii.AsSpan(start + j, 4)), Vector128.Create(angles.AsSpan(start + j, 4)));
                cos.CopyTo(actual128, j);
                sin.CopyTo(actual128, 16 + j);
            }

            foreach ((string path, float[] actual) in new[] { ("Vector512", actual512), ("Vector256", actual256), ("Vector128", actual128) })
            {
                for (int k = 0; k < 32; k++)
                {
                    if (BitConverter.SingleToInt32Bits(actual[k]) != BitConverter.SingleToInt32Bits(expected[k]))
                        throw new XunitException($"{path}: words ({radii[start + k % 16]:X8}, {angles[start + k % 16]:X8}) gave {actual[k]:R}, expected {expected[k]:R}");
                }
            }
        }
    }

    /// <summary>
    /// The float transform against Box–Muller in double from the same float uniform: |z − z_double| ≤ 4e-7·r. The
    /// budget: the logarithm within about 1e-7 relative (Cephes logf), which the square root halves; the square root,
    /// the product r·cos and the angle θ = offset·(π/2²³) each rounded once (6e-8 relative each, θ ≤ π/4 so at most
    /// 5e-8 on cos and sin); sine and cosine within about 6e-8. That sums to about 3e-7 of r, rounded up; 2·10⁷
    /// random pairs measured at most 1.7e-7·r.
    /// </summary>
    [Fact]
    public void Transform_is_within_float_rounding_of_double_Box_Muller()
    {
        (uint[] radii, uint[] angles) = EdgeAndRandomWords(randomPairs: 200_000);
        var expected = new double[2 * radii.Length];
        var actual = new float[expected.Length];
        var bound = new double[expected.Length];
        for (int i = 0; i < radii.Length; i++)
        {
            (double cos, double sin, double radius) = NormalOracle.BoxMuller(radii[i], angles[i]);
            (expected[2 * i], expected[2 * i + 1]) = (cos, sin);
            (actual[2 * i], actual[2 * i + 1]) = NormalKernel.BoxMullerReference(radii[i], angles[i]);
            bound[2 * i] = bound[2 * i + 1] = 4e-7 * radius;
        }

        Tolerance.WithinBound(expected, actual, bound, "Box–Muller");
    }

    /// <summary>The smallest uniform, 2⁻³², gives the largest radius √(64 ln 2) = 6.6604; the largest, 1, gives exactly 0.</summary>
    [Fact]
    public void Radius_runs_from_zero_to_the_largest_the_uniforms_reach()
    {
        (float cos, float sin) = NormalKernel.BoxMullerReference(0, 0);
        Assert.Equal(Math.Sqrt(64 * Math.Log(2)), cos, 5e-6);
        Assert.Equal(0f, sin);
        (cos, sin) = NormalKernel.BoxMullerReference(0xFFFFFFFF, 0x12345678);
        Assert.Equal(0f, Math.Abs(cos));
        Assert.Equal(0f, Math.Abs(sin));
    }

    /// <summary>
    /// The stream, including a position whose counter needs its high word, is the double-precision definition within
    /// the transform's bound (4e-7·r, above): the chunk layout and the counters are as NormalKernel documents.
    /// </summary>
    [Theory]
    [InlineData(0L)]
    [InlineData((1L << 40) + 5)]
    public void Stream_is_its_double_precision_definition(long start)
    {
        const int Length = 64 * 40 + 3;
        var generator = new NormalGenerator(Seed, Stream) { Position = start };
        var actual = new float[Length];
        generator.FillStandardNormal(actual);
        var expected = new double[Length];
        var bound = new double[Length];
        for (int i = 0; i < Length; i++)
        {
            (double value, double radius) = NormalOracle.At(Seed, Stream, start + i);
            expected[i] = value;
            bound[i] = 4e-7 * radius;
        }

        Tolerance.WithinBound(expected, actual, bound, $"stream from {start}");
    }

    /// <summary>
    /// ln x within 4u relative (u = 2⁻²⁴, so 2.4e-7) over every binade the uniforms reach, [2⁻³², 1): Cephes quotes about
    /// 1e-7 for logf, and 2·10⁷ uniforms measured at most 1.4u.
    /// </summary>
    [Fact]
    public void Logarithm_is_accurate_over_the_uniforms_range()
    {
        var random = new Xoshiro256(11);
        double worst = 0;
        for (int exponent = -32; exponent < 0; exponent++)
        {
            for (int k = 0; k < 2000; k++)
            {
                float x = MathF.ScaleB(1f + random.NextSingle(), exponent); // [2^e, 2^(e+1))
                double exact = Math.Log(x);
                worst = Math.Max(worst, Math.Abs(NormalKernel.LogReference(x) - exact) / Math.Abs(exact));
            }
        }

        Assert.True(worst <= 4 * Tolerance.FloatEpsilon, $"largest relative error {worst:G3}");
    }

    /// <summary>Words where the quadrant, the 22-bit angle offset and the 31-bit radius integer roll over, plus random pairs.</summary>
    private static (uint[] Radii, uint[] Angles) EdgeAndRandomWords(int randomPairs)
    {
        uint[] radiusEdges = [0, 1, 2, 0x1FF, 0x7FFFFFFF, 0x80000000, 0xFFFFFF00, 0xFFFFFFFE, 0xFFFFFFFF];
        uint[] angleEdges =
        [
            0, 0xFF, 0x100, 0x1FFFFFFF, 0x20000000, 0x3FFFFFFF, 0x40000000, 0x5FFFFFFF, 0x60000000,
            0x7FFFFFFF, 0x80000000, 0x9FFFFFFF, 0xA0000000, 0xDFFFFFFF, 0xE0000000, 0xFFFFFFFF,
        ];
        var radii = new List<uint>();
        var angles = new List<uint>();
        foreach (uint radius in radiusEdges)
        {
            foreach (uint angle in angleEdges)
            {
                radii.Add(radius);
                angles.Add(angle);
            }
        }

        var random = new Xoshiro256(3);
        for (int i = 0; i < randomPairs; i++)
        {
            radii.Add((uint)random.NextUInt64());
            angles.Add((uint)random.NextUInt64());
        }

        while (radii.Count % 16 != 0)
        {
            radii.Add((uint)random.NextUInt64());
            angles.Add((uint)random.NextUInt64());
        }

        return (radii.ToArray(), angles.ToArray());
    }
}
