namespace SurgeCollapse.Simd.Kernels;

public static partial class Gemm
{
    /// <summary>
    /// The readable specification of every form: one dot product per element of C, accumulated in float
    /// in depth order. Slow; the benchmarks use it as their baseline (the tests use an independent double oracle).
    /// </summary>
    internal static void Reference(GemmForm form, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda,
        ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float sum = 0f;
                for (int p = 0; p < k; p++)
                {
                    float aip = form == GemmForm.TransposeA ? a[p * lda + i] : a[i * lda + p];
                    float bpj = form == GemmForm.TransposeB ? b[j * ldb + p] : b[p * ldb + j];
                    sum += aip * bpj;
                }

                ref float cij = ref c[i * ldc + j];
                cij = beta == 0f ? alpha * sum : alpha * sum + beta * cij;
            }
        }
    }
}
