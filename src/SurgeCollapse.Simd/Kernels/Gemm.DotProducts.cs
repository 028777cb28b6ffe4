using System.Runtime.Intrinsics;

namespace SurgeCollapse.Simd.Kernels;

public static partial class Gemm
{
    /// <summary>At most this many rows of A go through <see cref="DotProducts"/> rather than the packed path.</summary>
    internal const int DotProductRows = 4;

    /// <summary>
    /// <c>C = α·A·Bᵀ + β·C</c> for a few rows of A (batch-1 prediction), as dot products of rows that are both
    /// contiguous: packing B would cost as much as the whole product. Four rows of B share each load of A.
    /// Every element sums its products in the same order (per vector lane, then the lanes by <c>Vector.Sum</c>,
    /// then the scalar tail), so results do not depend on j's position in a group of four.
    /// </summary>
    internal static unsafe void DotProducts(in GemmJob job)
    {
        for (int i = 0; i < job.M; i++)
        {
            float* a = job.A + (long)i * job.ARowStride;
            float* c = job.C + (long)i * job.Ldc;
            int j = 0;
            for (; j + 4 <= job.N; j += 4)
            {
                float* b = job.B + (long)j * job.BColumnStride;
                Dot4(job.Width, a, b, b + job.BColumnStride, b + 2L * job.BColumnStride, b + 3L * job.BColumnStride, job.K,
                    out float s0, out float s1, out float s2, out float s3);
                Write(c + j, s0, job.Alpha, job.Beta);
                Write(c + j + 1, s1, job.Alpha, job.Beta);
                Write(c + j + 2, s2, job.Alpha, job.Beta);
                Write(c + j + 3, s3, job.Alpha, job.Beta);
            }

            for (; j < job.N; j++)
            {
                float* b = job.B + (long)j * job.BColumnStride;
                Dot4(job.Width, a, b, b, b, b, job.K, out float s, out _, out _, out _);
                Write(c + j, s, job.Alpha, job.Beta);
            }
        }
    }

    private static unsafe void Write(float* c, float sum, float alpha, float beta) =>
        *c = beta == 0f ? alpha * sum : float.MultiplyAddEstimate(beta, *c, alpha * sum);

    private static unsafe void Dot4(SimdWidth width, float* a, float* b0, float* b1, float* b2, float* b3, int k,
        out float s0, out float s1, out float s2, out float s3)
    {
        int p = 0;
        s0 = s1 = s2 = s3 = 0f;
        if (width == SimdWidth.Vector512)
        {
            Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default;
            for (; p + 16 <= k; p += 16)
            {
                Vector512<float> x = Vector512.Load(a + p);
                c0 = Vector512.MultiplyAddEstimate(x, Vector512.Load(b0 + p), c0);
                c1 = Vector512.MultiplyAddEstimate(x, Vector512.Load(b1 + p), c1);
                c2 = Vector512.MultiplyAddEstimate(x, Vector512.Load(b2 + p), c2);
                c3 = Vector512.MultiplyAddEstimate(x, Vector512.Load(b3 + p), c3);
            }

            (s0, s1, s2, s3) = (Vector512.Sum(c0), Vector512.Sum(c1), Vector512.Sum(c2), Vector512.Sum(c3));
        }
        else if (width == SimdWidth.Vector256)
        {
            Vector256<float> c0 = default, c1 = default, c2 = default, c3 = default;
            for (; p + 8 <= k; p += 8)
            {
                Vector256<float> x = Vector256.Load(a + p);
                c0 = Vector256.MultiplyAddEstimate(x, Vector256.Load(b0 + p), c0);
                c1 = Vector256.MultiplyAddEstimate(x, Vector256.Load(b1 + p), c1);
                c2 = Vector256.MultiplyAddEstimate(x, Vector256.Load(b2 + p), c2);
                c3 = Vector256.MultiplyAddEstimate(x, Vector256.Load(b3 + p), c3);
            }

            (s0, s1, s2, s3) = (Vector256.Sum(c0), Vector256.Sum(c1), Vector256.Sum(c2), Vector256.Sum(c3));
        }
        else if (width == SimdWidth.Vector128)
        {
            Vector128<float> c0 = default, c1 = default, c2 = default, c3 = default;
            for (; p + 4 <= k; p += 4)
            {
                Vector128<float> x = Vector128.Load(a + p);
                c0 = Vector128.MultiplyAddEstimate(x, Vector128.Load(b0 + p), c0);
                c1 = Vector128.MultiplyAddEstimate(x, Vector128.Load(b1 + p), c1);
                c2 = Vector128.MultiplyAddEstimate(x, Vector128.Load(b2 + p), c2);
                c3 = Vector128.MultiplyAddEstimate(x, Vector128.Load(b3 + p), c3);
            }

            (s0, s1, s2, s3) = (Vector128.Sum(c0), Vector128.Sum(c1), Vector128.Sum(c2), Vector128.Sum(c3));
        }

        for (; p < k; p++)
        {
            float x = a[p];
            s0 += x * b0[p];
            s1 += x * b1[p];
            s2 += x * b2[p];
            s3 += x * b3[p];
        }
    }
}
