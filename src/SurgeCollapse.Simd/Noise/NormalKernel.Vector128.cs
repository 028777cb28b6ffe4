using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SurgeCollapse.Simd.Noise;

// The 128-bit path: FillReference and Threefry4x32.Encrypt lane by lane, a chunk's 16 counters in 4 vectors.
// NormalKernel.Vector256.cs and NormalKernel.Vector128.cs are this file at their width; keep the three in step.
internal static partial class NormalKernel
{
    private static void Fill128(in ThreefryKey key, long firstChunk, Span<float> destination)
    {
        ref float output = ref MemoryMarshal.GetReference(destination);
        for (int block = 0; block < destination.Length; block += PassLength)
        {
            int end = Math.Min(block + PassLength, destination.Length);
            for (int chunk = block; chunk < end; chunk += ChunkLength)
            {
                (uint low, uint high) = FirstCounter(firstChunk + chunk / ChunkLength);
                for (int lane = 0; lane < CountersPerChunk; lane += Vector128<uint>.Count)
                {
                    Vector128<uint> w0 = Vector128.Create(low + (uint)lane) + Vector128<uint>.Indices, w1 = Vector128.Create(high);
                    Vector128<uint> w2 = Vector128<uint>.Zero, w3 = Vector128<uint>.Zero;
                    Encrypt128(ref w0, ref w1, ref w2, ref w3, key);
                    // Row k of the chunk parks word k, as raw bits, until the second pass.
                    nuint at = (nuint)(chunk + lane);
                    w0.AsSingle().StoreUnsafe(ref output, at);
                    w1.AsSingle().StoreUnsafe(ref output, at + 16);
                    w2.AsSingle().StoreUnsafe(ref output, at + 32);
                    w3.AsSingle().StoreUnsafe(ref output, at + 48);
                }
            }

            // Rows 0 and 1 of a chunk hold a (radius, angle) pair of words, rows 2 and 3 the other.
            for (int pair = block; pair < end; pair += 32)
            {
                for (int lane = 0; lane < CountersPerChunk; lane += Vector128<uint>.Count)
                {
                    nuint at = (nuint)(pair + lane);
                    Vector128<uint> radiusWord = Vector128.LoadUnsafe(ref output, at).AsUInt32();
                    Vector128<uint> angleWord = Vector128.LoadUnsafe(ref output, at + 16).AsUInt32();
                    (Vector128<float> cos, Vector128<float> sin) = BoxMuller128(radiusWord, angleWord);
                    cos.StoreUnsafe(ref output, at);
                    sin.StoreUnsafe(ref output, at + 16);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Encrypt128(ref Vector128<uint> x0, ref Vector128<uint> x1, ref Vector128<uint> x2, ref Vector128<uint> x3, in ThreefryKey key)
    {
        x0 += Vector128.Create(key.K0);
        x1 += Vector128.Create(key.K1);
        x2 += Vector128.Create(key.K2);
        x3 += Vector128.Create(key.K3);
        FourRounds128(ref x0, ref x1, ref x2, ref x3, 10, 26, 11, 21, 13, 27, 23, 5);
        Inject128(ref x0, ref x1, ref x2, ref x3, key.K1, key.K2, key.K3, key.K4 + 1);
        FourRounds128(ref x0, ref x1, ref x2, ref x3, 6, 20, 17, 11, 25, 10, 18, 20);
        Inject128(ref x0, ref x1, ref x2, ref x3, key.K2, key.K3, key.K4, key.K0 + 2);
        FourRounds128(ref x0, ref x1, ref x2, ref x3, 10, 26, 11, 21, 13, 27, 23, 5);
        Inject128(ref x0, ref x1, ref x2, ref x3, key.K3, key.K4, key.K0, key.K1 + 3);
        FourRounds128(ref x0, ref x1, ref x2, ref x3, 6, 20, 17, 11, 25, 10, 18, 20);
        Inject128(ref x0, ref x1, ref x2, ref x3, key.K4, key.K0, key.K1, key.K2 + 4);
        FourRounds128(ref x0, ref x1, ref x2, ref x3, 10, 26, 11, 21, 13, 27, 23, 5);
        Inject128(ref x0, ref x1, ref x2, ref x3, key.K0, key.K1, key.K2, key.K3 + 5);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Inject128(ref Vector128<uint> x0, ref Vector128<uint> x1, ref Vector128<uint> x2, ref Vector128<uint> x3,
        uint k0, uint k1, uint k2, uint k3)
    {
        x0 += Vector128.Create(k0);
        x1 += Vector128.Create(k1);
        x2 += Vector128.Create(k2);
        x3 += Vector128.Create(k3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FourRounds128(ref Vector128<uint> x0, ref Vector128<uint> x1, ref Vector128<uint> x2, ref Vector128<uint> x3,
        [ConstantExpected] byte r0, [ConstantExpected] byte r1, [ConstantExpected] byte r2, [ConstantExpected] byte r3,
        [ConstantExpected] byte r4, [ConstantExpected] byte r5, [ConstantExpected] byte r6, [ConstantExpected] byte r7)
    {
        Mix128(ref x0, ref x1, r0);
        Mix128(ref x2, ref x3, r1);
        Mix128(ref x0, ref x3, r2);
        Mix128(ref x2, ref x1, r3);
        Mix128(ref x0, ref x1, r4);
        Mix128(ref x2, ref x3, r5);
        Mix128(ref x0, ref x3, r6);
        Mix128(ref x2, ref x1, r7);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Mix128(ref Vector128<uint> a, ref Vector128<uint> b, [ConstantExpected] byte rotation)
    {
        a += b;
        b = RotateLeft128(b, rotation) ^ a;
    }

    /// <summary>One vprold where AVX-512 has it, else two shifts and an or: the same bits either way.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> RotateLeft128(Vector128<uint> x, [ConstantExpected] byte count) =>
        Avx512F.VL.IsSupported ? Avx512F.VL.RotateLeft(x, count) : (x << count) | (x >>> (32 - count));

    /// <summary>As <see cref="BoxMullerReference"/>, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (Vector128<float> Cos, Vector128<float> Sin) BoxMuller128(Vector128<uint> radiusWord, Vector128<uint> angleWord)
    {
        Vector128<float> u = Vector128.ConvertToSingle((radiusWord >>> 1).AsInt32()) * Vector128.Create(RadiusScale) + Vector128.Create(RadiusOffset);
        Vector128<float> radius = Vector128.Sqrt(Vector128.Create(-2f) * Log128(u));

        Vector128<int> offset = (angleWord << 2).AsInt32() >> 10;
        Vector128<uint> quadrant = (angleWord + Vector128.Create(1u << 29)) >>> 30;
        (Vector128<float> sin, Vector128<float> cos) = SinCos128(Vector128.ConvertToSingle(offset) * Vector128.Create(AngleScale));

        Vector128<float> odd = Vector128.Equals(quadrant & Vector128<uint>.One, Vector128<uint>.One).AsSingle();
        (sin, cos) = (Vector128.ConditionalSelect(odd, cos, sin), Vector128.ConditionalSelect(odd, sin, cos));
        cos ^= (((quadrant + Vector128<uint>.One) & Vector128.Create(2u)) << 30).AsSingle();
        sin ^= ((quadrant & Vector128.Create(2u)) << 30).AsSingle();
        return (radius * cos, radius * sin);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Log128(Vector128<float> x)
    {
        Vector128<int> bits = x.AsInt32() - Vector128.Create(SqrtHalfBits);
        Vector128<float> exponent = Vector128.ConvertToSingle(bits >> 23);
        Vector128<float> f = ((bits & Vector128.Create(MantissaMask)) + Vector128.Create(SqrtHalfBits)).AsSingle() - Vector128<float>.One;
        Vector128<float> z = f * f;
        Vector128<float> y = Vector128.Create(Log0) * f + Vector128.Create(Log1);
        y = y * f + Vector128.Create(Log2);
        y = y * f + Vector128.Create(Log3);
        y = y * f + Vector128.Create(Log4);
        y = y * f + Vector128.Create(Log5);
        y = y * f + Vector128.Create(Log6);
        y = y * f + Vector128.Create(Log7);
        y = y * f + Vector128.Create(Log8);
        y = y * f * z;
        y = y + exponent * Vector128.Create(Ln2Low);
        y = y - Vector128.Create(0.5f) * z;
        return f + y + exponent * Vector128.Create(Ln2High);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<float> Sin, Vector128<float> Cos) SinCos128(Vector128<float> x)
    {
        Vector128<float> z = x * x;
        Vector128<float> sin = ((Vector128.Create(Sin0) * z + Vector128.Create(Sin1)) * z + Vector128.Create(Sin2)) * z * x + x;
        Vector128<float> cos = ((Vector128.Create(Cos0) * z + Vector128.Create(Cos1)) * z + Vector128.Create(Cos2)) * z * z
            - Vector128.Create(0.5f) * z + Vector128<float>.One;
        return (sin, cos);
    }
}
