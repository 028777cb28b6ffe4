using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SurgeCollapse.Simd.Noise;

// The 512-bit path: FillReference and Threefry4x32.Encrypt lane by lane, one chunk's 16 counters per vector.
// NormalKernel.Vector256.cs and NormalKernel.Vector128.cs are this file at their width; keep the three in step.
internal static partial class NormalKernel
{
    private static void Fill512(in ThreefryKey key, long firstChunk, Span<float> destination)
    {
        ref float output = ref MemoryMarshal.GetReference(destination);
        for (int block = 0; block < destination.Length; block += PassLength)
        {
            int end = Math.Min(block + PassLength, destination.Length);
            for (int chunk = block; chunk < end; chunk += ChunkLength)
            {
                (uint low, uint high) = FirstCounter(firstChunk + chunk / ChunkLength);
                for (int lane = 0; lane < CountersPerChunk; lane += Vector512<uint>.Count)
                {
                    Vector512<uint> w0 = Vector512.Create(low + (uint)lane) + Vector512<uint>.Indices, w1 = Vector512.Create(high);
                    Vector512<uint> w2 = Vector512<uint>.Zero, w3 = Vector512<uint>.Zero;
                    Encrypt512(ref w0, ref w1, ref w2, ref w3, key);
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
                for (int lane = 0; lane < CountersPerChunk; lane += Vector512<uint>.Count)
                {
                    nuint at = (nuint)(pair + lane);
                    Vector512<uint> radiusWord = Vector512.LoadUnsafe(ref output, at).AsUInt32();
                    Vector512<uint> angleWord = Vector512.LoadUnsafe(ref output, at + 16).AsUInt32();
                    (Vector512<float> cos, Vector512<float> sin) = BoxMuller512(radiusWord, angleWord);
                    cos.StoreUnsafe(ref output, at);
                    sin.StoreUnsafe(ref output, at + 16);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Encrypt512(ref Vector512<uint> x0, ref Vector512<uint> x1, ref Vector512<uint> x2, ref Vector512<uint> x3, in ThreefryKey key)
    {
        x0 += Vector512.Create(key.K0);
        x1 += Vector512.Create(key.K1);
        x2 += Vector512.Create(key.K2);
        x3 += Vector512.Create(key.K3);
        FourRounds512(ref x0, ref x1, ref x2, ref x3, 10, 26, 11, 21, 13, 27, 23, 5);
        Inject512(ref x0, ref x1, ref x2, ref x3, key.K1, key.K2, key.K3, key.K4 + 1);
        FourRounds512(ref x0, ref x1, ref x2, ref x3, 6, 20, 17, 11, 25, 10, 18, 20);
        Inject512(ref x0, ref x1, ref x2, ref x3, key.K2, key.K3, key.K4, key.K0 + 2);
        FourRounds512(ref x0, ref x1, ref x2, ref x3, 10, 26, 11, 21, 13, 27, 23, 5);
        Inject512(ref x0, ref x1, ref x2, ref x3, key.K3, key.K4, key.K0, key.K1 + 3);
        FourRounds512(ref x0, ref x1, ref x2, ref x3, 6, 20, 17, 11, 25, 10, 18, 20);
        Inject512(ref x0, ref x1, ref x2, ref x3, key.K4, key.K0, key.K1, key.K2 + 4);
        FourRounds512(ref x0, ref x1, ref x2, ref x3, 10, 26, 11, 21, 13, 27, 23, 5);
        Inject512(ref x0, ref x1, ref x2, ref x3, key.K0, key.K1, key.K2, key.K3 + 5);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Inject512(ref Vector512<uint> x0, ref Vector512<uint> x1, ref Vector512<uint> x2, ref Vector512<uint> x3,
        uint k0, uint k1, uint k2, uint k3)
    {
        x0 += Vector512.Create(k0);
        x1 += Vector512.Create(k1);
        x2 += Vector512.Create(k2);
        x3 += Vector512.Create(k3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FourRounds512(ref Vector512<uint> x0, ref Vector512<uint> x1, ref Vector512<uint> x2, ref Vector512<uint> x3,
        [ConstantExpected] byte r0, [ConstantExpected] byte r1, [ConstantExpected] byte r2, [ConstantExpected] byte r3,
        [ConstantExpected] byte r4, [ConstantExpected] byte r5, [ConstantExpected] byte r6, [ConstantExpected] byte r7)
    {
        Mix512(ref x0, ref x1, r0);
        Mix512(ref x2, ref x3, r1);
        Mix512(ref x0, ref x3, r2);
        Mix512(ref x2, ref x1, r3);
        Mix512(ref x0, ref x1, r4);
        Mix512(ref x2, ref x3, r5);
        Mix512(ref x0, ref x3, r6);
        Mix512(ref x2, ref x1, r7);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Mix512(ref Vector512<uint> a, ref Vector512<uint> b, [ConstantExpected] byte rotation)
    {
        a += b;
        b = RotateLeft512(b, rotation) ^ a;
    }

    /// <summary>One vprold where AVX-512 has it, else two shifts and an or: the same bits either way.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> RotateLeft512(Vector512<uint> x, [ConstantExpected] byte count) =>
        Avx512F.IsSupported ? Avx512F.RotateLeft(x, count) : (x << count) | (x >>> (32 - count));

    /// <summary>As <see cref="BoxMullerReference"/>, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (Vector512<float> Cos, Vector512<float> Sin) BoxMuller512(Vector512<uint> radiusWord, Vector512<uint> angleWord)
    {
        Vector512<float> u = Vector512.ConvertToSingle((radiusWord >>> 1).AsInt32()) * Vector512.Create(RadiusScale) + Vector512.Create(RadiusOffset);
        Vector512<float> radius = Vector512.Sqrt(Vector512.Create(-2f) * Log512(u));

        Vector512<int> offset = (angleWord << 2).AsInt32() >> 10;
        Vector512<uint> quadrant = (angleWord + Vector512.Create(1u << 29)) >>> 30;
        (Vector512<float> sin, Vector512<float> cos) = SinCos512(Vector512.ConvertToSingle(offset) * Vector512.Create(AngleScale));

        Vector512<float> odd = Vector512.Equals(quadrant & Vector512<uint>.One, Vector512<uint>.One).AsSingle();
        (sin, cos) = (Vector512.ConditionalSelect(odd, cos, sin), Vector512.ConditionalSelect(odd, sin, cos));
        cos ^= (((quadrant + Vector512<uint>.One) & Vector512.Create(2u)) << 30).AsSingle();
        sin ^= ((quadrant & Vector512.Create(2u)) << 30).AsSingle();
        return (radius * cos, radius * sin);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Log512(Vector512<float> x)
    {
        Vector512<int> bits = x.AsInt32() - Vector512.Create(SqrtHalfBits);
        Vector512<float> exponent = Vector512.ConvertToSingle(bits >> 23);
        Vector512<float> f = ((bits & Vector512.Create(MantissaMask)) + Vector512.Create(SqrtHalfBits)).AsSingle() - Vector512<float>.One;
        Vector512<float> z = f * f;
        Vector512<float> y = Vector512.Create(Log0) * f + Vector512.Create(Log1);
        y = y * f + Vector512.Create(Log2);
        y = y * f + Vector512.Create(Log3);
        y = y * f + Vector512.Create(Log4);
        y = y * f + Vector512.Create(Log5);
        y = y * f + Vector512.Create(Log6);
        y = y * f + Vector512.Create(Log7);
        y = y * f + Vector512.Create(Log8);
        y = y * f * z;
        y = y + exponent * Vector512.Create(Ln2Low);
        y = y - Vector512.Create(0.5f) * z;
        return f + y + exponent * Vector512.Create(Ln2High);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<float> Sin, Vector512<float> Cos) SinCos512(Vector512<float> x)
    {
        Vector512<float> z = x * x;
        Vector512<float> sin = ((Vector512.Create(Sin0) * z + Vector512.Create(Sin1)) * z + Vector512.Create(Sin2)) * z * x + x;
        Vector512<float> cos = ((Vector512.Create(Cos0) * z + Vector512.Create(Cos1)) * z + Vector512.Create(Cos2)) * z * z
            - Vector512.Create(0.5f) * z + Vector512<float>.One;
        return (sin, cos);
    }
}
