using System.Runtime.Intrinsics;

namespace SurgeCollapse.Simd.Kernels;

public static partial class Gemm
{
    /// <summary>
    /// Packs a panel of <paramref name="count"/> rows (of A) or columns (of B) and <paramref name="kc"/> depth
    /// steps into <c>dst[p·width + r] = src[r·panelStride + p·depthStride]</c>, padding rows
    /// <paramref name="count"/>..<paramref name="width"/> with zeros so edge tiles run the full micro-kernel.
    /// </summary>
    internal static unsafe void PackPanel(float* src, int panelStride, int depthStride, int count, int width, int kc, float* dst)
    {
        if (panelStride == 1)
        {
            // The panel is contiguous at each depth step (B in A·B and Aᵀ·B, A in Aᵀ·B): copy rows of vectors.
            for (int p = 0; p < kc; p++)
                CopyPadded(src + (long)p * depthStride, dst + (long)p * width, count, width);
            return;
        }

        // Contiguous along depth (A in A·B, B in A·Bᵀ): a transpose, read sequentially, written with stride width.
        for (int r = 0; r < count; r++)
        {
            float* line = src + (long)r * panelStride;
            float* column = dst + r;
            for (int p = 0; p < kc; p++)
                column[(long)p * width] = line[(long)p * depthStride];
        }

        for (int r = count; r < width; r++)
        {
            for (int p = 0; p < kc; p++)
                dst[(long)p * width + r] = 0f;
        }
    }

    private static unsafe void CopyPadded(float* src, float* dst, int count, int width)
    {
        int r = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; r + Vector256<float>.Count <= count; r += Vector256<float>.Count)
                Vector256.Store(Vector256.Load(src + r), dst + r);
        }

        for (; r < count; r++)
            dst[r] = src[r];
        for (; r < width; r++)
            dst[r] = 0f;
    }
}
