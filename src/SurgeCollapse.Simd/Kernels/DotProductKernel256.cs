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
        DotProductKernelScalar.FourRows(b, stride, rows, out float* b0, out float* b1, out float* b2, out float* b3);
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
        DotProductKernelScalar.AddTail(a, b0, b1, b2, b3, p, k, ref s0, ref s1, ref s2, ref s3);
        (sums[0], sums[1], sums[2], sums[3]) = (s0, s1, s2, s3);
    }
}
