using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SurgeCollapse.Simd.Noise;

// The 256-bit path: FillReference and Threefry4x32.Encrypt lane by lane, a chunk's 16 counters in 2 vectors.
// It is NormalKernel.Vector512.cs at this width; keep the three in step.
internal static partial class NormalKernel
{
    private static void Fill256(in ThreefryKey key, long firstChunk, Span<float> destination)
    {
        ref float output = ref MemoryMarshal.GetReference(destination);
        for (int block = 0; block < destination.Length; block += PassLength)
        {
            int end = Math.Min(block + PassLength, destination.Length);
            for (int chunk = block; chunk < end; chunk += ChunkLength)
            {
                (uint low, uint high) = FirstCounter(firstChunk + chunk / ChunkLength);
                for (int lane = 0; lane < CountersPerChunk; lane += Vector256<uint>.Count)
                {
                    Vector256<uint> w0 = Vector256.Create(low + (uint)lane) + Vector256<uint>.Indices, w1 = Vector256.Create(high);
                    Vector256<uint> w2 = Vector256<uint>.Zero, w3 = Vector256<uint>.Zero;
                    Encrypt256(ref w0, ref w1, ref w2, ref w3, key);
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
                for (int lane = 0; lane < CountersPerChunk; lane += Vector256<uint>.Count)
                {
                    nuint at = (nuint)(pair + lane);
                    Vector256<uint> radiusWord = Vector256.LoadUnsafe(ref output, at).AsUInt32();
                    Vector256<uint> angleWord = Vector256.LoadUnsafe(ref output, at + 16).AsUInt32();
                    (Vector256<float> cos, Vector256<float> sin) = BoxMuller256(radiusWord, angleWord);
                    cos.StoreUnsafe(ref output, at);
                    sin.StoreUnsafe(ref output, at + 16);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Encrypt256(ref Vector256<uint> x0, ref Vector256<uint> x1, ref Vector256<uint> x2, ref Vector256<uint> x3, in ThreefryKey key)
    {
        x0 += Vector256.Create(key.K0);
        x1 += Vector256.Create(key.K1);
        x2 += Vector256.Create(key.K2);
        x3 += Vector256.Create(key.K3);
        FourRounds256(ref x0, ref x1, ref x2, ref x3, 10, 26, 11, 21, 13, 27, 23, 5);
        Inject256(ref x0, ref x1, ref x2, ref x3, key.K1, key.K2, key.K3, key.K4 + 1);
        FourRounds256(ref x0, ref x1, ref x2, ref x3, 6, 20, 17, 11, 25, 10, 18, 20);
        Inject256(ref x0, ref x1, ref x2, ref x3, key.K2, key.K3, key.K4, key.K0 + 2);
        FourRounds256(ref x0, ref x1, ref x2, ref x3, 10, 26, 11, 21, 13, 27, 23, 5);
        Inject256(ref x0, ref x1, ref x2, ref x3, key.K3, key.K4, key.K0, key.K1 + 3);
        FourRounds256(ref x0, ref x1, ref x2, ref x3, 6, 20, 17, 11, 25, 10, 18, 20);
        Inject256(ref x0, ref x1, ref x2, ref x3, key.K4, key.K0, key.K1, key.K2 + 4);
        FourRounds256(ref x0, ref x1, ref x2, ref x3, 10, 26, 11, 21, 13, 27, 23, 5);
        Inject256(ref x0, ref x1, ref x2, ref x3, key.K0, key.K1, key.K2, key.K3 + 5);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Inject256(ref Vector256<uint> x0, ref Vector256<uint> x1, ref Vector256<uint> x2, ref Vector256<uint> x3,
        uint k0, uint k1, uint k2, uint k3)
    {
        x0 += Vector256.Create(k0);
        x1 += Vector256.Create(k1);
        x2 += Vector256.Create(k2);
        x3 += Vector256.Create(k3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FourRounds256(ref Vector256<uint> x0, ref Vector256<uint> x1, ref Vector256<uint> x2, ref Vector256<uint> x3,
        [ConstantExpected] byte r0, [ConstantExpected] byte r1, [ConstantExpected] byte r2, [ConstantExpected] byte r3,
        [ConstantExpected] byte r4, [ConstantExpected] byte r5, [ConstantExpected] byte r6, [ConstantExpected] byte r7)
    {
        Mix256(ref x0, ref x1, r0);
        Mix256(ref x2, ref x3, r1);
        Mix256(ref x0, ref x3, r2);
        Mix256(ref x2, ref x1, r3);
        Mix256(ref x0, ref x1, r4);
        Mix256(ref x2, ref x3, r5);
        Mix256(ref x0, ref x3, r6);
        Mix256(ref x2, ref x1, r7);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Mix256(ref Vector256<uint> a, ref Vector256<uint> b, [ConstantExpected] byte rotation)
    {
        a += b;
        b = RotateLeft256(b, rotation) ^ a;
    }

    /// <summary>One vprold where AVX-512 has it, else two shifts and an or: the same bits either way.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> RotateLeft256(Vector256<uint> x, [ConstantExpected] byte count) =>
        Avx512F.VL.IsSupported ? Avx512F.VL.RotateLeft(x, count) : (x << count) | (x >>> (32 - count));

    /// <summary>As <see cref="BoxMullerReference"/>, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (Vector256<float> Cos, Vector256<float> Sin) BoxMuller256(Vector256<uint> radiusWord, Vector256<uint> angleWord)
    {
        Vector256<float> u = Vector256.ConvertToSingle((radiusWord >>> 1).AsInt32()) * Vector256.Create(RadiusScale) + Vector256.Create(RadiusOffset);
        Vector256<float> radius = Vector256.Sqrt(Vector256.Create(-2f) * Log256(u));

        Vector256<int> offset = (angleWord << 2).AsInt32() >> 10;
        Vector256<uint> quadrant = (angleWord + Vector256.Create(1u << 29)) >>> 30;
        (Vector256<float> sin, Vector256<float> cos) = SinCos256(Vector256.ConvertToSingle(offset) * Vector256.Create(AngleScale));

        Vector256<float> odd = Vector256.Equals(quadrant & Vector256<uint>.One, Vector256<uint>.One).AsSingle();
        (sin, cos) = (Vector256.ConditionalSelect(odd, cos, sin), Vector256.ConditionalSelect(odd, sin, cos));
        cos ^= (((quadrant + Vector256<uint>.One) & Vector256.Create(2u)) << 30).AsSingle();
        sin ^= ((quadrant & Vector256.Create(2u)) << 30).AsSingle();
        return (radius * cos, radius * sin);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Log256(Vector256<float> x)
    {
        Vector256<int> bits = x.AsInt32() - Vector256.Create(SqrtHalfBits);
        Vector256<float> exponent = Vector256.ConvertToSingle(bits >> 23);
        Vector256<float> f = ((bits & Vector256.Create(MantissaMask)) + Vector256.Create(SqrtHalfBits)).AsSingle() - Vector256<float>.One;
        Vector256<float> z = f * f;
        Vector256<float> y = Vector256.Create(Log0) * f + Vector256.Create(Log1);
        y = y * f + Vector256.Create(Log2);
        y = y * f + Vector256.Create(Log3);
        y = y * f + Vector256.Create(Log4);
        y = y * f + Vector256.Create(Log5);
        y = y * f + Vector256.Create(Log6);
        y = y * f + Vector256.Create(Log7);
        y = y * f + Vector256.Create(Log8);
        y = y * f * z;
        y = y + exponent * Vector256.Create(Ln2Low);
        y = y - Vector256.Create(0.5f) * z;
        return f + y + exponent * Vector256.Create(Ln2High);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Sin, Vector256<float> Cos) SinCos256(Vector256<float> x)
    {
        Vector256<float> z = x * x;
        Vector256<float> sin = ((Vector256.Create(Sin0) * z + Vector256.Create(Sin1)) * z + Vector256.Create(Sin2)) * z * x + x;
        Vector256<float> cos = ((Vector256.Create(Cos0) * z + Vector256.Create(Cos1)) * z + Vector256.Create(Cos2)) * z * z
            - Vector256.Create(0.5f) * z + Vector256<float>.One;
        return (sin, cos);
    }
}
