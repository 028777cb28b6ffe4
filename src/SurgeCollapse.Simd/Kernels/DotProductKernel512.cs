using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SurgeCollapse.Simd.Kernels;

/// <summary>
/// 16 rows of B at a time, each read front to back (one sequential stream: on the default model's layers this beat
/// 16 rows read side by side, 2.1 against 2.4 µs), against 128 values of A held in 8 registers, so each FMA loads
/// only B, from aligned lines. The 16 row sums leave as one vector through a transposing reduction (45 shuffles and
/// adds instead of 16 horizontal sums).
/// </summary>
internal readonly struct DotProductKernel512 : IDotProductKernel
{
    private const int Lanes = 16, Chunk = 8 * Lanes;

    public static int Rows => Lanes;

    public static int MinDepth => Lanes;

    // Compiled fully optimised at its first call: unoptimised, its inlined helpers become calls passing 8 vectors on the
    // stack, and the first calls of a process (before tiering) took 30 µs per prediction instead of 3.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(float* a, float* b, long stride, int rows, int k, float* sums)
    {
        Vector512<float> s = default;
        int p = 0;
        for (; p + Chunk <= k; p += Chunk)
        {
            Vector512<float> x0 = Vector512.Load(a + p), x1 = Vector512.Load(a + p + 16), x2 = Vector512.Load(a + p + 32), x3 = Vector512.Load(a + p + 48);
            Vector512<float> x4 = Vector512.Load(a + p + 64), x5 = Vector512.Load(a + p + 80), x6 = Vector512.Load(a + p + 96), x7 = Vector512.Load(a + p + 112);
            float* q = b + p;
            Vector512<float> c0 = Chunk8(x0, x1, x2, x3, x4, x5, x6, x7, q); q = Next(q, 1, rows, stride);
            Vector512<float> c1 = Chunk8(x0, x1, x2, x3, x4, x5, x6, x7, q); q = Next(q, 2, rows, stride);
            Vector512<float> c2 = Chunk8(x0, x1, x2, x3, x4, x5, x6, x7, q); q = Next(q, 3, rows, stride);
            Vector512<float> c3 = Chunk8(x0, x1, x2, x3, x4, x5, x6, x7, q); q = Next(q, 4, rows, stride);
            Vector512<float> c4 = Chunk8(x0, x1, x2, x3, x4, x5, x6, x7, q); q = Next(q, 5, rows, stride);
            Vector512<float> c5 = Chunk8(x0, x1, x2, x3, x4, x5, x6, x7, q); q = Next(q, 6, rows, stride);
            Vector512<float> c6 = Chunk8(x0, x1, x2, x3, x4, x5, x6, x7, q); q = Next(q, 7, rows, stride);
            Vector512<float> c7 = Chunk8(x0, x1, x2, x3, x4, x5, x6, x7, q); q = Next(q, 8, rows, stride);
            Vector512<float> c8 = Chunk8(x0, x1, x2, x3, x4, x5, x6, x7, q); q = Next(q, 9, rows, stride);
            Vector512<float> c9 = Chunk8(x0, x1, x2, x3, x4, x5, x6, x7, q); q = Next(q, 10, rows, stride);
            Vector512<float> c10 = Chunk8(x0, x1, x2, x3, x4, x5, x6, x7, q); q = Next(q, 11, rows, stride);
            Vector512<float> c11 = Chunk8(x0, x1, x2, x3, x4, x5, x6, x7, q); q = Next(q, 12, rows, stride);
            Vector512<float> c12 = Chunk8(x0, x1, x2, x3, x4, x5, x6, x7, q); q = Next(q, 13, rows, stride);
            Vector512<float> c13 = Chunk8(x0, x1, x2, x3, x4, x5, x6, x7, q); q = Next(q, 14, rows, stride);
            Vector512<float> c14 = Chunk8(x0, x1, x2, x3, x4, x5, x6, x7, q); q = Next(q, 15, rows, stride);
            Vector512<float> c15 = Chunk8(x0, x1, x2, x3, x4, x5, x6, x7, q);
            s += Reduce(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15);
        }

        if (p < k)
        {
            // The last partial vector is read as the whole vector ending at k, with the lanes already summed zeroed in A.
            Vector512<float> last = Vector512.Load(a + k - Lanes) &
                Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create(Lanes - (k - p) % Lanes)).AsSingle();
            float* q = b;
            Vector512<float> c0 = Tail(a, q, p, k, last); q = Next(q, 1, rows, stride);
            Vector512<float> c1 = Tail(a, q, p, k, last); q = Next(q, 2, rows, stride);
            Vector512<float> c2 = Tail(a, q, p, k, last); q = Next(q, 3, rows, stride);
            Vector512<float> c3 = Tail(a, q, p, k, last); q = Next(q, 4, rows, stride);
            Vector512<float> c4 = Tail(a, q, p, k, last); q = Next(q, 5, rows, stride);
            Vector512<float> c5 = Tail(a, q, p, k, last); q = Next(q, 6, rows, stride);
            Vector512<float> c6 = Tail(a, q, p, k, last); q = Next(q, 7, rows, stride);
            Vector512<float> c7 = Tail(a, q, p, k, last); q = Next(q, 8, rows, stride);
            Vector512<float> c8 = Tail(a, q, p, k, last); q = Next(q, 9, rows, stride);
            Vector512<float> c9 = Tail(a, q, p, k, last); q = Next(q, 10, rows, stride);
            Vector512<float> c10 = Tail(a, q, p, k, last); q = Next(q, 11, rows, stride);
            Vector512<float> c11 = Tail(a, q, p, k, last); q = Next(q, 12, rows, stride);
            Vector512<float> c12 = Tail(a, q, p, k, last); q = Next(q, 13, rows, stride);
            Vector512<float> c13 = Tail(a, q, p, k, last); q = Next(q, 14, rows, stride);
            Vector512<float> c14 = Tail(a, q, p, k, last); q = Next(q, 15, rows, stride);
            Vector512<float> c15 = Tail(a, q, p, k, last);
            s += Reduce(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15);
        }

        s.Store(sums);
    }

    /// <summary>The next row of the group, or the same row again past the last one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe float* Next(float* q, int t, int rows, long stride) => t < rows ? q + stride : q;

    /// <summary>One row's 128 products, in two accumulators so that the FMA chain is half as long.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<float> Chunk8(Vector512<float> x0, Vector512<float> x1, Vector512<float> x2, Vector512<float> x3,
        Vector512<float> x4, Vector512<float> x5, Vector512<float> x6, Vector512<float> x7, float* w)
    {
        nuint misalignment = (nuint)w % 64;
        if (Avx512F.IsSupported && misalignment != 0 && misalignment % sizeof(float) == 0)
            return Chunk8Realigned(x0, x1, x2, x3, x4, x5, x6, x7, w, (int)(misalignment / sizeof(float)));

        Vector512<float> even = x0 * Vector512.Load(w), odd = x1 * Vector512.Load(w + 16);
        even = Vector512.MultiplyAddEstimate(x2, Vector512.Load(w + 32), even);
        odd = Vector512.MultiplyAddEstimate(x3, Vector512.Load(w + 48), odd);
        even = Vector512.MultiplyAddEstimate(x4, Vector512.Load(w + 64), even);
        odd = Vector512.MultiplyAddEstimate(x5, Vector512.Load(w + 80), odd);
        even = Vector512.MultiplyAddEstimate(x6, Vector512.Load(w + 96), even);
        odd = Vector512.MultiplyAddEstimate(x7, Vector512.Load(w + 112), odd);
        return even + odd;
    }

    /// <summary>
    /// <see cref="Chunk8"/> for a row <paramref name="shift"/> floats past a 64-byte boundary (weights are managed arrays,
    /// aligned to 8 bytes only): each unaligned vector would straddle two cache lines and cost two L1 reads, which made
    /// the whole product 25 % slower. Instead the 9 lines are read aligned, once each, and every vector is assembled
    /// from two of them by one permute: the same lanes meet the same products, so the sums are bit for bit those of
    /// unaligned loads. The first and last lines also hold bytes outside the row, but in lines the row touches, which
    /// cannot fault; the permute drops them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<float> Chunk8Realigned(Vector512<float> x0, Vector512<float> x1, Vector512<float> x2, Vector512<float> x3,
        Vector512<float> x4, Vector512<float> x5, Vector512<float> x6, Vector512<float> x7, float* w, int shift)
    {
        float* line = w - shift;
        Vector512<int> lanes = Vector512<int>.Indices + Vector512.Create(shift); // lane t takes float shift + t of two lines
        Vector512<float> l0 = Vector512.LoadAligned(line), l1 = Vector512.LoadAligned(line + 16), l2 = Vector512.LoadAligned(line + 32);
        Vector512<float> even = x0 * Avx512F.PermuteVar16x32x2(l0, lanes, l1), odd = x1 * Avx512F.PermuteVar16x32x2(l1, lanes, l2);
        Vector512<float> l3 = Vector512.LoadAligned(line + 48), l4 = Vector512.LoadAligned(line + 64);
        even = Vector512.MultiplyAddEstimate(x2, Avx512F.PermuteVar16x32x2(l2, lanes, l3), even);
        odd = Vector512.MultiplyAddEstimate(x3, Avx512F.PermuteVar16x32x2(l3, lanes, l4), odd);
        Vector512<float> l5 = Vector512.LoadAligned(line + 80), l6 = Vector512.LoadAligned(line + 96);
        even = Vector512.MultiplyAddEstimate(x4, Avx512F.PermuteVar16x32x2(l4, lanes, l5), even);
        odd = Vector512.MultiplyAddEstimate(x5, Avx512F.PermuteVar16x32x2(l5, lanes, l6), odd);
        Vector512<float> l7 = Vector512.LoadAligned(line + 112), l8 = Vector512.LoadAligned(line + 128);
        even = Vector512.MultiplyAddEstimate(x6, Avx512F.PermuteVar16x32x2(l6, lanes, l7), even);
        odd = Vector512.MultiplyAddEstimate(x7, Avx512F.PermuteVar16x32x2(l7, lanes, l8), odd);
        return even + odd;
    }

    /// <summary>One row's products from p to k (fewer than a chunk), the last vector through the masked <paramref name="last"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<float> Tail(float* a, float* w, int p, int k, Vector512<float> last)
    {
        Vector512<float> sum = default;
        for (; p + Lanes <= k; p += Lanes)
            sum = Vector512.MultiplyAddEstimate(Vector512.Load(a + p), Vector512.Load(w + p), sum);
        return p < k ? Vector512.MultiplyAddEstimate(last, Vector512.Load(w + k - Lanes), sum) : sum;
    }

    /// <summary>Lane t of the result is the sum of all lanes of c_t.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Reduce(Vector512<float> c0, Vector512<float> c1, Vector512<float> c2, Vector512<float> c3,
        Vector512<float> c4, Vector512<float> c5, Vector512<float> c6, Vector512<float> c7,
        Vector512<float> c8, Vector512<float> c9, Vector512<float> c10, Vector512<float> c11,
        Vector512<float> c12, Vector512<float> c13, Vector512<float> c14, Vector512<float> c15)
    {
        if (!Avx512F.IsSupported) // Vector512 emulated (DOTNET_EnableAVX512=0 with the width forced): one sum each
        {
            return Vector512.Create(
                Vector256.Create(Vector512.Sum(c0), Vector512.Sum(c1), Vector512.Sum(c2), Vector512.Sum(c3),
                    Vector512.Sum(c4), Vector512.Sum(c5), Vector512.Sum(c6), Vector512.Sum(c7)),
                Vector256.Create(Vector512.Sum(c8), Vector512.Sum(c9), Vector512.Sum(c10), Vector512.Sum(c11),
                    Vector512.Sum(c12), Vector512.Sum(c13), Vector512.Sum(c14), Vector512.Sum(c15)));
        }

        // Each step halves the vectors: within 128-bit lanes by pairs of floats, then of halves, then across the
        // four 128-bit lanes, so that lane t ends up holding row t's total.
        Vector512<float> r0 = Quad(Pair(c0, c1), Pair(c2, c3)), r1 = Quad(Pair(c4, c5), Pair(c6, c7));
        Vector512<float> r2 = Quad(Pair(c8, c9), Pair(c10, c11)), r3 = Quad(Pair(c12, c13), Pair(c14, c15));
        return Lanes128(Lanes128(r0, r1), Lanes128(r2, r3));
    }

    private static Vector512<float> Pair(Vector512<float> a, Vector512<float> b) => Avx512F.UnpackLow(a, b) + Avx512F.UnpackHigh(a, b);

    private static Vector512<float> Quad(Vector512<float> a, Vector512<float> b) => Avx512F.Shuffle(a, b, 0x44) + Avx512F.Shuffle(a, b, 0xEE);

    private static Vector512<float> Lanes128(Vector512<float> a, Vector512<float> b) =>
        Avx512F.Shuffle4x128(a, b, 0x88) + Avx512F.Shuffle4x128(a, b, 0xDD);
}
