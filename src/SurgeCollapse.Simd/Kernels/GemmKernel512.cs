using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SurgeCollapse.Simd.Kernels;

/// <summary>
/// The 512-bit micro-kernel: an 8×32 tile in 16 accumulators (of the 32 vector registers AVX-512 has), two B
/// loads and eight broadcasts per 16 FMAs. Written with the cross-platform <see cref="Vector512"/> API, so it runs
/// (as two 256-bit halves, or in software) where AVX-512 is missing and the tests can force it anywhere.
/// </summary>
internal readonly struct GemmKernel512 : IGemmMicroKernel
{
    public static int Rows => 8;

    public static int Columns => 32;

    public static unsafe void Run(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta, int rows, int columns)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b);
            Vector512<float> b1 = Vector512.Load(b + 16);
            Vector512<float> a0 = Vector512.Create(a[0]);
            c00 = Vector512.MultiplyAddEstimate(a0, b0, c00);
            c01 = Vector512.MultiplyAddEstimate(a0, b1, c01);
            Vector512<float> a1 = Vector512.Create(a[1]);
            c10 = Vector512.MultiplyAddEstimate(a1, b0, c10);
            c11 = Vector512.MultiplyAddEstimate(a1, b1, c11);
            Vector512<float> a2 = Vector512.Create(a[2]);
            c20 = Vector512.MultiplyAddEstimate(a2, b0, c20);
            c21 = Vector512.MultiplyAddEstimate(a2, b1, c21);
            Vector512<float> a3 = Vector512.Create(a[3]);
            c30 = Vector512.MultiplyAddEstimate(a3, b0, c30);
            c31 = Vector512.MultiplyAddEstimate(a3, b1, c31);
            Vector512<float> a4 = Vector512.Create(a[4]);
            c40 = Vector512.MultiplyAddEstimate(a4, b0, c40);
            c41 = Vector512.MultiplyAddEstimate(a4, b1, c41);
            Vector512<float> a5 = Vector512.Create(a[5]);
            c50 = Vector512.MultiplyAddEstimate(a5, b0, c50);
            c51 = Vector512.MultiplyAddEstimate(a5, b1, c51);
            Vector512<float> a6 = Vector512.Create(a[6]);
            c60 = Vector512.MultiplyAddEstimate(a6, b0, c60);
            c61 = Vector512.MultiplyAddEstimate(a6, b1, c61);
            Vector512<float> a7 = Vector512.Create(a[7]);
            c70 = Vector512.MultiplyAddEstimate(a7, b0, c70);
            c71 = Vector512.MultiplyAddEstimate(a7, b1, c71);
            a += 8;
            b += 32;
        }

        if (rows == 8 && columns == 32)
        {
            Vector512<float> va = Vector512.Create(alpha), vb = Vector512.Create(beta);
            bool readC = beta != 0f;
            Store(c00, c, va, vb, readC);
            Store(c01, c + 16, va, vb, readC);
            Store(c10, c + 1 * (long)ldc, va, vb, readC);
            Store(c11, c + 1 * (long)ldc + 16, va, vb, readC);
            Store(c20, c + 2 * (long)ldc, va, vb, readC);
            Store(c21, c + 2 * (long)ldc + 16, va, vb, readC);
            Store(c30, c + 3 * (long)ldc, va, vb, readC);
            Store(c31, c + 3 * (long)ldc + 16, va, vb, readC);
            Store(c40, c + 4 * (long)ldc, va, vb, readC);
            Store(c41, c + 4 * (long)ldc + 16, va, vb, readC);
            Store(c50, c + 5 * (long)ldc, va, vb, readC);
            Store(c51, c + 5 * (long)ldc + 16, va, vb, readC);
            Store(c60, c + 6 * (long)ldc, va, vb, readC);
            Store(c61, c + 6 * (long)ldc + 16, va, vb, readC);
            Store(c70, c + 7 * (long)ldc, va, vb, readC);
            Store(c71, c + 7 * (long)ldc + 16, va, vb, readC);
            return;
        }

        WriteEdge(c, ldc, alpha, beta, rows, columns, c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71);
    }

    // Out of line: a stackalloc in the loop's method makes NativeAOT keep the accumulators in memory (GemmKernel256).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void WriteEdge(float* c, int ldc, float alpha, float beta, int rows, int columns,
        Vector512<float> c00, Vector512<float> c01, Vector512<float> c10, Vector512<float> c11, Vector512<float> c20, Vector512<float> c21,
        Vector512<float> c30, Vector512<float> c31, Vector512<float> c40, Vector512<float> c41, Vector512<float> c50, Vector512<float> c51,
        Vector512<float> c60, Vector512<float> c61, Vector512<float> c70, Vector512<float> c71)
    {
        float* tile = stackalloc float[256];
        Vector512.Store(c00, tile + 0);
        Vector512.Store(c01, tile + 16);
        Vector512.Store(c10, tile + 32);
        Vector512.Store(c11, tile + 48);
        Vector512.Store(c20, tile + 64);
        Vector512.Store(c21, tile + 80);
        Vector512.Store(c30, tile + 96);
        Vector512.Store(c31, tile + 112);
        Vector512.Store(c40, tile + 128);
        Vector512.Store(c41, tile + 144);
        Vector512.Store(c50, tile + 160);
        Vector512.Store(c51, tile + 176);
        Vector512.Store(c60, tile + 192);
        Vector512.Store(c61, tile + 208);
        Vector512.Store(c70, tile + 224);
        Vector512.Store(c71, tile + 240);
        GemmTile.WriteEdge(tile, 32, c, ldc, rows, columns, alpha, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Store(Vector512<float> accumulator, float* destination, Vector512<float> alpha, Vector512<float> beta, bool readC)
    {
        Vector512<float> scaled = alpha * accumulator;
        Vector512.Store(readC ? Vector512.MultiplyAddEstimate(beta, Vector512.Load(destination), scaled) : scaled, destination);
    }
}
