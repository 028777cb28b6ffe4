namespace SurgeCollapse.Simd.Tests.Reference;

/// <summary>
/// An independent double-precision oracle for C = α·op(A)·op(B) + β·C, plus the magnitude
/// |α|·Σ|a||b| + |β||c| of each element that the float error bound scales with.
/// </summary>
internal static class GemmOracle
{
    public static (double[] Expected, double[] Magnitude) Compute(bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc)
    {
        var expected = new double[m * n];
        var magnitude = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0, absSum = 0;
                for (int p = 0; p < k; p++)
                {
                    double x = transposeA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
                    double y = transposeB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
                    sum += x * y;
                    absSum += Math.Abs(x * y);
                }

                double old = c[cOffset + i * ldc + j];
                expected[i * n + j] = alpha * sum + (beta == 0f ? 0 : beta * old);
                magnitude[i * n + j] = Math.Abs(alpha) * absSum + (beta == 0f ? 0 : Math.Abs(beta * old));
            }
        }

        return (expected, magnitude);
    }
}
