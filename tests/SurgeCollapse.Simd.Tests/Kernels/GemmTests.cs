using FsCheck.Xunit;
using SurgeCollapse.Simd.Kernels;
using SurgeCollapse.Simd.Tests.Reference;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Kernels;

public sealed class GemmTests
{
    public static readonly TheoryData<SimdWidth> Widths = [.. Generators.AllWidths];

    /// <summary>
    /// Every path, every form, random shapes, α and β, strided views: equal to a double-precision oracle.
    /// Tolerance: a float sum of k products, computed with or without FMA and in any association order, is off by
    /// at most γ_n·Σ|a||b| with γ_n = n·u/(1 − n·u), u = 2⁻²⁴ (Higham, Accuracy and Stability, §3.1), n the number
    /// of roundings on the longest path: k for the products and sums, plus an α-scaling and an addition onto C for
    /// each of the ⌈k/256⌉ depth blocks, plus one for β·c — n = k + 2⌈k/256⌉ + 1.
    /// </summary>
    [Property(Arbitrary = [typeof(Generators)], MaxTest = 60)]
    public void Every_path_equals_the_double_oracle(GemmCase test)
    {
        foreach (SimdWidth width in Generators.AllWidths)
            Check(test, width, Gemm.NeverSplit);
    }

    /// <summary>
    /// The batch-1 dot-product kernels on every path: full 128-wide chunks, their vector and masked tails, partial
    /// groups of rows, and rows of B at every alignment (the 512-bit kernel realigns misaligned rows): equal to the oracle.
    /// </summary>
    [Property(Arbitrary = [typeof(Generators)], MaxTest = 100)]
    public void Dot_product_path_equals_the_double_oracle(DotProductCase test)
    {
        foreach (SimdWidth width in Generators.AllWidths)
            Check(test.Case, width, Gemm.NeverSplit);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Dot_products_do_not_depend_on_where_B_sits_in_memory(SimdWidth width)
    {
        // Batch-1 results must repeat bit for bit from process to process, where the weights land at another address.
        const int N = 37, K = 300;
        float[] a = Generators.RandomArray(K, 1), b = Generators.RandomArray(N * K, 2);
        float[] first = new float[N], moved = new float[N];
        Gemm.Compute(GemmForm.TransposeB, 1, N, K, 1f, a, K, b, K, 0f, first, N, width, Gemm.NeverSplit);
        for (int offset = 1; offset < 16; offset++)
        {
            var shifted = new float[offset + N * K];
            b.CopyTo(shifted, offset);
            Gemm.Compute(GemmForm.TransposeB, 1, N, K, 1f, a, K, shifted.AsSpan(offset), K, 0f, moved, N, width, Gemm.NeverSplit);
            Assert.Equal(first, moved);
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Dot_products_do_not_depend_on_the_rows_beside_them(SimdWidth width)
    {
        // A unit's output must depend only on its own weights, not on its slot in the kernel's group (4 or 16 rows) or on
        // the rows that fill the rest of it: each row of B alone, in a group of copies of itself, gives the same bits.
        const int N = 37, K = 300; // deep enough for every kernel (the 512-bit one needs 16) and its tail
        Assert.True(K >= DotProductKernel512.MinDepth && K >= DotProductKernel256.MinDepth);
        float[] a = Generators.RandomArray(K, 3), b = Generators.RandomArray(N * K, 4);
        float[] all = new float[N], alone = new float[1];
        Gemm.Compute(GemmForm.TransposeB, 1, N, K, 1f, a, K, b, K, 0f, all, N, width, Gemm.NeverSplit);
        for (int j = 0; j < N; j++)
        {
            Gemm.Compute(GemmForm.TransposeB, 1, 1, K, 1f, a, K, b.AsSpan(j * K, K), K, 0f, alone, 1, width, Gemm.NeverSplit);
            Assert.Equal(BitConverter.SingleToInt32Bits(all[j]), BitConverter.SingleToInt32Bits(alone[0]));
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Large_products_split_over_threads_equal_the_oracle(SimdWidth width)
    {
        // A split threshold of 1 splits whenever there are two cores, without touching the global setting (other test
        // classes run in parallel and must not see it). 161×299 splits columns; 301×37 (taller than wide) splits rows.
        long before = GemmWorkers.SplitCount;
        for (int form = 0; form < 3; form++)
        {
            Check(new GemmCase(form, 161, 299, 203, 1.5f, 0.5f, 3, 1, 2, 5, 7 + form), width, splitThreshold: 1);
            Check(new GemmCase(form, 301, 37, 260, -1f, 1f, 0, 2, 1, 3, 11 + form), width, splitThreshold: 1);
        }

        if (Environment.ProcessorCount > 1 && Gemm.MaxThreads > 1)
            Assert.Equal(before + 6, GemmWorkers.SplitCount);
    }

    /// <summary>
    /// Shapes the random ones cannot reach: more than one 1,024-column block (n = 1025, 2100), several 256-deep blocks
    /// (k = 257, 513), and m = 144, k = 256, where the 6-row transpose packer's last spill lands in the buffer slack.
    /// </summary>
    [Theory]
    [MemberData(nameof(Widths))]
    public void Block_borders_beyond_the_random_shapes_equal_the_oracle(SimdWidth width)
    {
        for (int form = 0; form < 3; form++)
        {
            Check(new GemmCase(form, 3, 1025, 257, 1f, 0f, 1, 0, 2, 1, 21 + form), width, Gemm.NeverSplit);
            Check(new GemmCase(form, 13, 2100, 513, 0.5f, 1f, 0, 3, 0, 2, 31 + form), width, Gemm.NeverSplit);
            Check(new GemmCase(form, 144, 40, 256, 1f, -1f, 2, 0, 1, 0, 41 + form), width, Gemm.NeverSplit);
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Thread_count_does_not_change_a_single_bit(SimdWidth width)
    {
        // Each thread computes whole tiles of C exactly as one thread would, so results are bitwise equal.
        float[] a = Generators.RandomArray(150 * 77, 1), b = Generators.RandomArray(77 * 203, 2);
        float[] serial = new float[150 * 203], parallel = new float[150 * 203];
        long before = GemmWorkers.SplitCount;
        Gemm.Compute(GemmForm.Normal, 150, 203, 77, 1f, a, 77, b, 203, 0f, serial, 203, width, Gemm.NeverSplit);
        Gemm.Compute(GemmForm.Normal, 150, 203, 77, 1f, a, 77, b, 203, 0f, parallel, 203, width, splitThreshold: 1);
        Assert.Equal(serial, parallel);
        if (Environment.ProcessorCount > 1 && Gemm.MaxThreads > 1)
            Assert.Equal(before + 1, GemmWorkers.SplitCount); // the second product really was split
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Beta_zero_ignores_NaN_in_C(SimdWidth width)
    {
        // Every form, the dot-product path (m ≤ 4), α = 0 and the split path: C full of NaN is never read.
        foreach (int m in new[] { 3, 13 })
        {
            const int N = 37, K = 9;
            float[] a = Generators.RandomArray(m * K, 1), b = Generators.RandomArray(K * N, 2);
            for (int form = 0; form < 3; form++)
            {
                foreach ((float alpha, long split) in new[] { (1f, Gemm.NeverSplit), (0f, Gemm.NeverSplit), (1f, 1L) })
                {
                    bool transposeA = form == (int)GemmForm.TransposeA, transposeB = form == (int)GemmForm.TransposeB;
                    float[] c = Enumerable.Repeat(float.NaN, m * N).ToArray();
                    Gemm.Compute((GemmForm)form, m, N, K, alpha, a, transposeA ? m : K, b, transposeB ? K : N, 0f, c, N, width, split);
                    Assert.All(c, value => Assert.True(float.IsFinite(value), $"form {(GemmForm)form}, m {m}, α {alpha}"));
                }
            }
        }
    }

    [Fact]
    public void Empty_and_zero_depth_products_scale_C_by_beta()
    {
        float[] c = [1f, 2f, 3f, 4f];
        Gemm.Multiply(2, 2, 0, 1f, [], 1, [], 2, 0.5f, c, 2);
        Assert.Equal([0.5f, 1f, 1.5f, 2f], c);
        Gemm.Multiply(0, 2, 3, 1f, [], 3, new float[6], 2, 0.5f, c, 2);
        Assert.Equal([0.5f, 1f, 1.5f, 2f], c);
    }

    [Fact]
    public void Too_short_operands_are_rejected_with_the_argument_named()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(4, 4, 4, 1f, new float[15], 4, new float[16], 4, 0f, new float[16], 4));
        Assert.Equal("a", error.ParamName);
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() =>
            Gemm.MultiplyTransposeB(4, 4, 4, 1f, new float[16], 4, new float[16], 3, 0f, new float[16], 4));
    }

    private static void Check(GemmCase test, SimdWidth width, long splitThreshold)
    {
        bool transposeA = test.GemmForm == GemmForm.TransposeA, transposeB = test.GemmForm == GemmForm.TransposeB;
        int aRows = transposeA ? test.K : test.M, aColumns = transposeA ? test.M : test.K;
        int bRows = transposeB ? test.N : test.K, bColumns = transposeB ? test.K : test.N;
        int lda = aColumns + test.PadA, ldb = bColumns + test.PadB, ldc = test.N + test.PadC;
        const int Sentinel = 4; // floats past the view that must survive
        float[] a = Generators.RandomArray(test.Offset + aRows * lda, test.Seed);
        float[] b = Generators.RandomArray(test.Offset + bRows * ldb, test.Seed + 1);
        float[] c = Generators.RandomArray(test.Offset + test.M * ldc + Sentinel, test.Seed + 2);
        float[] before = (float[])c.Clone();
        var (expected, magnitude) = GemmOracle.Compute(transposeA, transposeB, test.M, test.N, test.K, test.Alpha,
            a, test.Offset, lda, b, test.Offset, ldb, test.Beta, c, test.Offset, ldc);

        Gemm.Compute(test.GemmForm, test.M, test.N, test.K, test.Alpha, a.AsSpan(test.Offset), lda, b.AsSpan(test.Offset), ldb,
            test.Beta, c.AsSpan(test.Offset, (test.M - 1) * ldc + test.N), ldc, width, splitThreshold);

        var actual = new float[test.M * test.N];
        var bound = new double[test.M * test.N];
        int roundings = test.K + 2 * ((test.K + Gemm.DepthBlock - 1) / Gemm.DepthBlock) + 1;
        double gamma = roundings * Tolerance.FloatEpsilon / (1 - roundings * Tolerance.FloatEpsilon);
        for (int i = 0; i < test.M; i++)
        {
            for (int j = 0; j < test.N; j++)
            {
                actual[i * test.N + j] = c[test.Offset + i * ldc + j];
                bound[i * test.N + j] = gamma * magnitude[i * test.N + j] + float.Epsilon;
            }
        }

        Tolerance.WithinBound(expected, actual, bound, $"{test} on {width}");
        // Padding between rows, and the sentinel past the view, are untouched.
        for (int index = 0; index < c.Length; index++)
        {
            int relative = index - test.Offset;
            bool inView = relative >= 0 && relative / ldc < test.M && relative % ldc < test.N;
            if (!inView)
                Assert.True(before[index] == c[index], $"{test} on {width}: element {index} outside the view changed");
        }
    }
}
