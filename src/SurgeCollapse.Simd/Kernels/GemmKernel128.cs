using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SurgeCollapse.Simd.Kernels;

/// <summary>
/// The 128-bit micro-kernel (SSE / NEON): a 4×8 tile in 8 accumulators.
/// </summary>
internal readonly struct GemmKernel128 : IGemmMicroKernel
{
    public static int Rows => 4;

    public static int Columns => 8;

    public static unsafe void Run(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta, int rows, int columns)
    {
        Vector128<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector128<float> b0 = Vector128.Load(b);
            Vector128<float> b1 = Vector128.Load(b + 4);
            Vector128<float> a0 = Vector128.Create(a[0]);
            c00 = Vector128.MultiplyAddEstimate(a0, b0, c00);
            c01 = Vector128.MultiplyAddEstimate(a0, b1, c01);
            Vector128<float> a1 = Vector128.Create(a[1]);
            c10 = Vector128.MultiplyAddEstimate(a1, b0, c10);
            c11 = Vector128.MultiplyAddEstimate(a1, b1, c11);
            Vector128<float> a2 = Vector128.Create(a[2]);
            c20 = Vector128.MultiplyAddEstimate(a2, b0, c20);
            c21 = Vector128.MultiplyAddEstimate(a2, b1, c21);
            Vector128<float> a3 = Vector128.Create(a[3]);
            c30 = Vector128.MultiplyAddEstimate(a3, b0, c30);
            c31 = Vector128.MultiplyAddEstimate(a3, b1, c31);
            a += 4;
            b += 8;
        }

        if (rows == 4 && columns == 8)
        {
            Vector128<float> va = Vector128.Create(alpha), vb = Vector128.Create(beta);
            bool readC = beta != 0f;
            Store(c00, c, va, vb, readC);
            Store(c01, c + 4, va, vb, readC);
            Store(c10, c + 1 * (long)ldc, va, vb, readC);
            Store(c11, c + 1 * (long)ldc + 4, va, vb, readC);
            Store(c20, c + 2 * (long)ldc, va, vb, readC);
            Store(c21, c + 2 * (long)ldc + 4, va, vb, readC);
            Store(c30, c + 3 * (long)ldc, va, vb, readC);
            Store(c31, c + 3 * (long)ldc + 4, va, vb, readC);
            return;
        }

        WriteEdge(c, ldc, alpha, beta, rows, columns, c00, c01, c10, c11, c20, c21, c30, c31);
    }

    // Out of line: a stackalloc in the loop's method makes NativeAOT keep the accumulators in memory (GemmKernel256).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void WriteEdge(float* c, int ldc, float alpha, float beta, int rows, int columns,
        Vector128<float> c00, Vector128<float> c01, Vector128<float> c10, Vector128<float> c11, Vector128<float> c20, Vector128<float> c21,
        Vector128<float> c30, Vector128<float> c31)
    {
        float* tile = stackalloc float[32];
        Vector128.Store(c00, tile + 0);
        Vector128.Store(c01, tile + 4);
        Vector128.Store(c10, tile + 8);
        Vector128.Store(c11, tile + 12);
        Vector128.Store(c20, tile + 16);
        Vector128.Store(c21, tile + 20);
        Vector128.Store(c30, tile + 24);
        Vector128.Store(c31, tile + 28);
        GemmTile.WriteEdge(tile, 8, c, ldc, rows, columns, alpha, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Store(Vector128<float> accumulator, float* destination, Vector128<float> alpha, Vector128<float> beta, bool readC)
    {
        Vector128<float> scaled = alpha * accumulator;
        Vector128.Store(readC ? Vector128.MultiplyAddEstimate(beta, Vector128.Load(destination), scaled) : scaled, destination);
    }
}
