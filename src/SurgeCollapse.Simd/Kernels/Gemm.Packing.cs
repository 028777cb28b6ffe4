using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
        int done = 0;
        if (depthStride == 1 && Avx.IsSupported)
            done = PackTransposedAvx(src, panelStride, count, width, kc, dst);
        for (int r = 0; r < count; r++)
        {
            float* line = src + (long)r * panelStride;
            float* column = dst + r;
            for (int p = r < done ? kc - kc % 8 : 0; p < kc; p++)
                column[(long)p * width] = line[(long)p * depthStride];
        }

        for (int r = count; r < width; r++)
        {
            for (int p = 0; p < kc; p++)
                dst[(long)p * width + r] = 0f;
        }
    }

    /// <summary>
    /// Transposes 8×8 blocks with AVX shuffles (24 instructions per 64 floats instead of 64 strided scalar
    /// stores) for groups of 8 rows; returns how many leading rows it packed for depth 0..kc − kc % 8 (the
    /// rest is left to the scalar loop). A 6-wide panel (the 256-bit kernel's MR) is one group whose two
    /// extra lanes repeat row 0 and spill into the next depth step's slot, which is written right after
    /// (the buffers keep slack for the very last spill).
    /// </summary>
    private static unsafe int PackTransposedAvx(float* src, int panelStride, int count, int width, int kc, float* dst)
    {
        int groups = width % 8 == 0 ? count / 8 : width == 6 && count == 6 ? 1 : 0;
        float** rows = stackalloc float*[8];
        for (int g = 0; g < groups; g++)
        {
            int r0 = g * 8;
            for (int q = 0; q < 8; q++)
                rows[q] = src + (long)(r0 + (r0 + q < count ? q : 0)) * panelStride;
            for (int p = 0; p + 8 <= kc; p += 8)
            {
                Transpose8x8(
                    Avx.LoadVector256(rows[0] + p), Avx.LoadVector256(rows[1] + p), Avx.LoadVector256(rows[2] + p), Avx.LoadVector256(rows[3] + p),
                    Avx.LoadVector256(rows[4] + p), Avx.LoadVector256(rows[5] + p), Avx.LoadVector256(rows[6] + p), Avx.LoadVector256(rows[7] + p),
                    dst + (long)p * width + r0, width);
            }
        }

        return Math.Min(count, groups * 8);
    }

    private static unsafe void Transpose8x8(Vector256<float> r0, Vector256<float> r1, Vector256<float> r2, Vector256<float> r3,
        Vector256<float> r4, Vector256<float> r5, Vector256<float> r6, Vector256<float> r7, float* dst, int stride)
    {
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44), s1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> s2 = Avx.Shuffle(t1, t3, 0x44), s3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44), s5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> s6 = Avx.Shuffle(t5, t7, 0x44), s7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(dst + stride, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(dst + 2 * stride, Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(dst + 3 * stride, Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(dst + 4 * stride, Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(dst + 5 * stride, Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(dst + 6 * stride, Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(dst + 7 * stride, Avx.Permute2x128(s3, s7, 0x31));
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
