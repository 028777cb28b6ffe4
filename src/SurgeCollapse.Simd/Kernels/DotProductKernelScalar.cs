using System.Runtime.CompilerServices;

namespace SurgeCollapse.Simd.Kernels;

/// <summary>
/// The scalar dot products (no vector unit, or a depth shorter than one vector): 4 rows of B share each load of A.
/// It multiplies and adds separately: without FMA hardware a fused multiply-add is a slow software routine. Its two
/// helpers are also the 128- and 256-bit kernels' row set-up and tail.
/// </summary>
internal readonly struct DotProductKernelScalar : IDotProductKernel
{
    public static int Rows => 4;

    public static int MinDepth => 0;

    public static unsafe void Run(float* a, float* b, long stride, int rows, int k, float* sums)
    {
        FourRows(b, stride, rows, out float* b0, out float* b1, out float* b2, out float* b3);
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        AddTail(a, b0, b1, b2, b3, 0, k, ref s0, ref s1, ref s2, ref s3);
        (sums[0], sums[1], sums[2], sums[3]) = (s0, s1, s2, s3);
    }

    /// <summary>The four rows of a group; rows past the last repeat it, so that no read passes B.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe void FourRows(float* b, long stride, int rows, out float* b0, out float* b1, out float* b2, out float* b3)
    {
        b0 = b;
        b1 = b + Math.Min(1, rows - 1) * stride;
        b2 = b + Math.Min(2, rows - 1) * stride;
        b3 = b + Math.Min(3, rows - 1) * stride;
    }

    /// <summary>Adds the products of elements <paramref name="p"/>…<paramref name="k"/> − 1 to each row's sum, one at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe void AddTail(float* a, float* b0, float* b1, float* b2, float* b3, int p, int k,
        ref float s0, ref float s1, ref float s2, ref float s3)
    {
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
