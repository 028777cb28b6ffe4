namespace SurgeCollapse.Simd.Kernels;

/// <summary>
/// Single-precision matrix products on row-major matrices with explicit leading dimensions, so that views
/// into larger buffers work: <c>C = α·op(A)·op(B) + β·C</c> in the three forms training needs.
/// </summary>
/// <remarks>
/// The design is the Goto/BLIS one: A and B are packed block by block into reusable, zero-padded panels, and a
/// register-blocked FMA micro-kernel computes one tile of C per call. The widest accelerated micro-kernel
/// (<see cref="SimdCapabilities.Widest"/>) is chosen at run time. Products of at least
/// <see cref="ParallelThreshold"/> multiply-adds are split over up to <see cref="MaxThreads"/> threads.
/// Nothing is allocated per call: each thread's packing buffers are allocated once, at its first call.
/// As in BLAS, when β is 0, C is not read (NaN in C does not propagate).
/// </remarks>
public static partial class Gemm
{
    /// <summary>The most threads one product may use (default: the processor count). Set 1 to stay on the caller's thread. Process-wide.</summary>
    public static int MaxThreads
    {
        get => s_maxThreads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            s_maxThreads = value;
        }
    }

    /// <summary>Products with fewer multiply-adds (m·n·k) than this run on the caller's thread: below it, waking a worker costs more than it saves.</summary>
    /// <remarks>Process-wide, like <see cref="MaxThreads"/>.</remarks>
    public static long ParallelThreshold
    {
        get => s_parallelThreshold;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            s_parallelThreshold = value;
        }
    }

    private static long s_parallelThreshold = 1L << 23;

    private static int s_maxThreads = Environment.ProcessorCount;

    /// <summary><c>C[m×n] = α·A[m×k]·B[k×n] + β·C</c>.</summary>
    public static void Multiply(int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda,
        ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc) =>
        Compute(GemmForm.Normal, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, SimdCapabilities.Widest, ParallelThreshold);

    /// <summary><c>C[m×n] = α·A[m×k]·Bᵀ + β·C</c>, with B stored as <c>[n×k]</c> (a PyTorch weight).</summary>
    public static void MultiplyTransposeB(int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda,
        ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc) =>
        Compute(GemmForm.TransposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, SimdCapabilities.Widest, ParallelThreshold);

    /// <summary><c>C[m×n] = α·Aᵀ·B[k×n] + β·C</c>, with A stored as <c>[k×m]</c>.</summary>
    public static void MultiplyTransposeA(int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda,
        ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc) =>
        Compute(GemmForm.TransposeA, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, SimdCapabilities.Widest, ParallelThreshold);

    /// <summary>Passed as the split threshold, keeps a product on the caller's thread.</summary>
    internal const long NeverSplit = long.MaxValue;

    /// <summary>
    /// The entry every form goes through; tests and benchmarks call it to force a width, and a split threshold
    /// (<see cref="NeverSplit"/>, or 1 to split whenever there are two cores) without touching the global setting.
    /// </summary>
    internal static unsafe void Compute(GemmForm form, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda,
        ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc, SimdWidth width, long splitThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        bool transposeA = form == GemmForm.TransposeA;
        bool transposeB = form == GemmForm.TransposeB;
        CheckMatrix(a, nameof(a), lda, nameof(lda), transposeA ? k : m, transposeA ? m : k);
        CheckMatrix(b, nameof(b), ldb, nameof(ldb), transposeB ? n : k, transposeB ? k : n);
        CheckMatrix(c, nameof(c), ldc, nameof(ldc), m, n);
        if (m == 0 || n == 0)
            return;

        fixed (float* pa = a, pb = b, pc = c)
        {
            var job = new GemmJob
            {
                M = m, N = n, K = k, Alpha = alpha, Beta = beta, Width = width,
                A = pa, ARowStride = transposeA ? 1 : lda, ADepthStride = transposeA ? lda : 1,
                B = pb, BDepthStride = transposeB ? 1 : ldb, BColumnStride = transposeB ? ldb : 1,
                C = pc, Ldc = ldc,
            };
            if (k == 0 || alpha == 0f)
                ScaleOnly(in job);
            else if (form == GemmForm.TransposeB && m <= DotProductRows)
                DotProducts(in job);
            else if (!GemmWorkers.TryRun(in job, splitThreshold))
                job.Run(0, m, 0, n);
        }
    }

    private static void CheckMatrix(ReadOnlySpan<float> data, string name, int leading, string leadingName, int rows, int columns)
    {
        if (leading < Math.Max(1, columns))
            throw new ArgumentOutOfRangeException(leadingName, leading, $"the leading dimension must be at least the {columns} columns of {name}");
        long needed = rows == 0 || columns == 0 ? 0 : (long)(rows - 1) * leading + columns;
        if (data.Length < needed)
            throw new ArgumentException($"{name} holds {data.Length} floats; a {rows}×{columns} matrix with leading dimension {leading} needs {needed}", name);
    }

    /// <summary>With k = 0 or α = 0 the product vanishes: C = β·C, and C is not read when β = 0.</summary>
    private static unsafe void ScaleOnly(in GemmJob job)
    {
        for (int i = 0; i < job.M; i++)
        {
            var row = new Span<float>(job.C + (long)i * job.Ldc, job.N);
            if (job.Beta == 0f)
                row.Clear();
            else
                System.Numerics.Tensors.TensorPrimitives.Multiply(row, job.Beta, row);
        }
    }
}
