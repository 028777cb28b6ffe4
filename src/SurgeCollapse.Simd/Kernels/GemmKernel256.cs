using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SurgeCollapse.Simd.Kernels;

/// <summary>
/// The 256-bit micro-kernel (AVX2 + FMA): the classic 6×16 tile, 12 accumulators + 2 B vectors + 1 broadcast
/// = 15 of the 16 vector registers, enough independent FMAs to cover their latency on two FMA pipes.
/// </summary>
internal readonly struct GemmKernel256 : IGemmMicroKernel
{
    public static int Rows => 6;

    public static int Columns => 16;

    public static unsafe void Run(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta, int rows, int columns)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.Load(b);
            Vector256<float> b1 = Vector256.Load(b + 8);
            Vector256<float> a0 = Vector256.Create(a[0]);
            c00 = Vector256.MultiplyAddEstimate(a0, b0, c00);
            c01 = Vector256.MultiplyAddEstimate(a0, b1, c01);
            Vector256<float> a1 = Vector256.Create(a[1]);
            c10 = Vector256.MultiplyAddEstimate(a1, b0, c10);
            c11 = Vector256.MultiplyAddEstimate(a1, b1, c11);
            Vector256<float> a2 = Vector256.Create(a[2]);
            c20 = Vector256.MultiplyAddEstimate(a2, b0, c20);
            c21 = Vector256.MultiplyAddEstimate(a2, b1, c21);
            Vector256<float> a3 = Vector256.Create(a[3]);
            c30 = Vector256.MultiplyAddEstimate(a3, b0, c30);
            c31 = Vector256.MultiplyAddEstimate(a3, b1, c31);
            Vector256<float> a4 = Vector256.Create(a[4]);
            c40 = Vector256.MultiplyAddEstimate(a4, b0, c40);
            c41 = Vector256.MultiplyAddEstimate(a4, b1, c41);
            Vector256<float> a5 = Vector256.Create(a[5]);
            c50 = Vector256.MultiplyAddEstimate(a5, b0, c50);
            c51 = Vector256.MultiplyAddEstimate(a5, b1, c51);
            a += 6;
            b += 16;
        }

        if (rows == 6 && columns == 16)
        {
            Vector256<float> va = Vector256.Create(alpha), vb = Vector256.Create(beta);
            bool readC = beta != 0f;
            Store(c00, c, va, vb, readC);
            Store(c01, c + 8, va, vb, readC);
            Store(c10, c + 1 * (long)ldc, va, vb, readC);
            Store(c11, c + 1 * (long)ldc + 8, va, vb, readC);
            Store(c20, c + 2 * (long)ldc, va, vb, readC);
            Store(c21, c + 2 * (long)ldc + 8, va, vb, readC);
            Store(c30, c + 3 * (long)ldc, va, vb, readC);
            Store(c31, c + 3 * (long)ldc + 8, va, vb, readC);
            Store(c40, c + 4 * (long)ldc, va, vb, readC);
            Store(c41, c + 4 * (long)ldc + 8, va, vb, readC);
            Store(c50, c + 5 * (long)ldc, va, vb, readC);
            Store(c51, c + 5 * (long)ldc + 8, va, vb, readC);
            return;
        }

        WriteEdge(c, ldc, alpha, beta, rows, columns, c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51);
    }

    // Out of line: a stackalloc in the loop's method makes NativeAOT keep the 12 accumulators in memory (measured: every
    // FMA then loads and stores its accumulator); the JIT enregisters them either way.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void WriteEdge(float* c, int ldc, float alpha, float beta, int rows, int columns,
        Vector256<float> c00, Vector256<float> c01, Vector256<float> c10, Vector256<float> c11, Vector256<float> c20, Vector256<float> c21,
        Vector256<float> c30, Vector256<float> c31, Vector256<float> c40, Vector256<float> c41, Vector256<float> c50, Vector256<float> c51)
    {
        float* tile = stackalloc float[96];
        Vector256.Store(c00, tile + 0);
        Vector256.Store(c01, tile + 8);
        Vector256.Store(c10, tile + 16);
        Vector256.Store(c11, tile + 24);
        Vector256.Store(c20, tile + 32);
        Vector256.Store(c21, tile + 40);
        Vector256.Store(c30, tile + 48);
        Vector256.Store(c31, tile + 56);
        Vector256.Store(c40, tile + 64);
        Vector256.Store(c41, tile + 72);
        Vector256.Store(c50, tile + 80);
        Vector256.Store(c51, tile + 88);
        GemmTile.WriteEdge(tile, 16, c, ldc, rows, columns, alpha, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Store(Vector256<float> accumulator, float* destination, Vector256<float> alpha, Vector256<float> beta, bool readC)
    {
        Vector256<float> scaled = alpha * accumulator;
        Vector256.Store(readC ? Vector256.MultiplyAddEstimate(beta, Vector256.Load(destination), scaled) : scaled, destination);
    }
}
