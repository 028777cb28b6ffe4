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
    /// at most γ_k·Σ|a||b| with γ_k = k·u/(1 − k·u), u = 2⁻²⁴ (Higham, Accuracy and Stability, §3.1); the
    /// scaling by α and adding β·c cost two more roundings, so k + 3 roundings bound the whole element.
    /// </summary>
    [Property(Arbitrary = [typeof(Generators)], MaxTest = 60)]
    public void Every_path_equals_the_double_oracle(GemmCase test)
    {
        foreach (SimdWidth width in Generators.AllWidths)
            Check(test, width, Gemm.NeverSplit);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Large_products_split_over_threads_equal_the_oracle(SimdWidth width)
    {
        // A split threshold of 1 splits whenever there are two cores, without touching the global setting (other test
        // classes run in parallel and must not see it).
        long before = GemmWorkers.SplitCount;
        for (int form = 0; form < 3; form++)
            Check(new GemmCase(form, 161, 299, 203, 1.5f, 0.5f, 3, 1, 2, 5, 7 + form), width, splitThreshold: 1);
        if (Environment.ProcessorCount > 1 && Gemm.MaxThreads > 1)
            Assert.Equal(before + 3, GemmWorkers.SplitCount);
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
        const int M = 13, N = 37, K = 9;
        float[] a = Generators.RandomArray(M * K, 1), b = Generators.RandomArray(K * N, 2);
        float[] c = Enumerable.Repeat(float.NaN, M * N).ToArray();
        Gemm.Compute(GemmForm.Normal, M, N, K, 1f, a, K, b, N, 0f, c, N, width, Gemm.NeverSplit);
        Assert.All(c, value => Assert.True(float.IsFinite(value)));
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
        double gamma = (test.K + 3) * Tolerance.FloatEpsilon / (1 - (test.K + 3) * Tolerance.FloatEpsilon);
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
