using System.Runtime.Intrinsics;

namespace SurgeCollapse.Simd.Kernels;

/// <summary>
/// The 256-bit dot products: 4 rows of B side by side share each load of A, one horizontal sum per row at the end.
/// (<see cref="DotProductKernel512"/>'s layout, rows read front to back (8 rows at this width), was slower here with AVX2's 16 registers.)
/// </summary>
internal readonly struct DotProductKernel256 : IDotProductKernel
{
    public static int Rows => 4;

    public static int MinDepth => 0;

    public static unsafe void Run(float* a, float* b, long stride, int rows, int k, float* sums)
    {
        float* b0 = b, b1 = b + Math.Min(1, rows - 1) * stride, b2 = b + Math.Min(2, rows - 1) * stride, b3 = b + Math.Min(3, rows - 1) * stride;
        Vector256<float> c0 = default, c1 = default, c2 = default, c3 = default;
        int p = 0;
        for (; p + 8 <= k; p += 8)
        {
            Vector256<float> x = Vector256.Load(a + p);
            c0 = Vector256.MultiplyAddEstimate(x, Vector256.Load(b0 + p), c0);
            c1 = Vector256.MultiplyAddEstimate(x, Vector256.Load(b1 + p), c1);
            c2 = Vector256.MultiplyAddEstimate(x, Vector256.Load(b2 + p), c2);
            c3 = Vector256.MultiplyAddEstimate(x, Vector256.Load(b3 + p), c3);
        }

        float s0 = Vector256.Sum(c0), s1 = Vector256.Sum(c1), s2 = Vector256.Sum(c2), s3 = Vector256.Sum(c3);
        for (; p < k; p++)
        {
            float x = a[p];
            s0 += x * b0[p];
            s1 += x * b1[p];
            s2 += x * b2[p];
            s3 += x * b3[p];
        }

        (sums[0], sums[1], sums[2], sums[3]) = (s0, s1, s2, s3);
    }
}
