namespace SurgeCollapse.Simd.Kernels;

public static partial class Gemm
{
    /// <summary>At most this many rows of A go through <see cref="DotProducts"/> rather than the packed path.</summary>
    internal const int DotProductRows = 4;

    /// <summary>
    /// <c>C = α·A·Bᵀ + β·C</c> for a few rows of A (batch-1 prediction), as dot products of rows that are both
    /// contiguous: packing B would cost as much as the whole product. Each row of A meets B one group of rows at a
    /// time (<see cref="IDotProductKernel"/>); a row's sum does not depend on its position in its group.
    /// </summary>
    internal static void DotProducts(in GemmJob job)
    {
        switch (job.Width)
        {
            case SimdWidth.Vector512 when job.K >= DotProductKernel512.MinDepth: DotProducts<DotProductKernel512>(in job); break;
            case SimdWidth.Vector256 when job.K >= DotProductKernel256.MinDepth: DotProducts<DotProductKernel256>(in job); break;
            case SimdWidth.Vector128 when job.K >= DotProductKernel128.MinDepth: DotProducts<DotProductKernel128>(in job); break;
            default: DotProducts<DotProductKernelScalar>(in job); break;
        }
    }

    private static unsafe void DotProducts<TKernel>(in GemmJob job)
        where TKernel : IDotProductKernel
    {
        float* sums = stackalloc float[TKernel.Rows];
        for (int i = 0; i < job.M; i++)
        {
            float* a = job.A + (long)i * job.ARowStride;
            float* c = job.C + (long)i * job.Ldc;
            for (int j = 0; j < job.N; j += TKernel.Rows)
            {
                int rows = Math.Min(TKernel.Rows, job.N - j);
                TKernel.Run(a, job.B + (long)j * job.BColumnStride, job.BColumnStride, rows, job.K, sums);
                for (int t = 0; t < rows; t++)
                    c[j + t] = job.Beta == 0f ? job.Alpha * sums[t] : float.MultiplyAddEstimate(job.Beta, c[j + t], job.Alpha * sums[t]);
            }
        }
    }
}
