namespace SurgeCollapse.Simd.Kernels;

/// <summary>
/// The scalar dot products (no vector unit, or a depth shorter than one vector): 4 rows of B share each load of A.
/// It multiplies and adds separately: without FMA hardware a fused multiply-add is a slow software routine.
/// </summary>
internal readonly struct DotProductKernelScalar : IDotProductKernel
{
    public static int Rows => 4;

    public static int MinDepth => 0;

    public static unsafe void Run(float* a, float* b, long stride, int rows, int k, float* sums)
    {
        float* b0 = b, b1 = b + Math.Min(1, rows - 1) * stride, b2 = b + Math.Min(2, rows - 1) * stride, b3 = b + Math.Min(3, rows - 1) * stride;
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        for (int p = 0; p < k; p++)
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
