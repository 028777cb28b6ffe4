namespace SurgeCollapse.Simd.Noise;

internal static partial class NormalKernel
{
    /// <summary>The readable specification, one counter at a time; also the scalar path.</summary>
    internal static void FillReference(in ThreefryKey key, long firstChunk, Span<float> destination)
    {
        for (int start = 0; start < destination.Length; start += ChunkLength)
        {
            (uint low, uint high) = FirstCounter(firstChunk + start / ChunkLength);
            Span<float> chunk = destination.Slice(start, ChunkLength);
            for (int j = 0; j < CountersPerChunk; j++)
            {
                // The counter (low + j, high, 0, 0): low is a multiple of 16, so adding j never carries.
                (uint w0, uint w1, uint w2, uint w3) = Threefry4x32.Encrypt(low + (uint)j, high, 0, 0, key);
                (chunk[j], chunk[16 + j]) = BoxMullerReference(w0, w1);
                (chunk[32 + j], chunk[48 + j]) = BoxMullerReference(w2, w3);
            }
        }
    }

    /// <summary>(r·cos θ, r·sin θ) from a radius word and an angle word, as the class remarks describe.</summary>
    internal static (float Cos, float Sin) BoxMullerReference(uint radiusWord, uint angleWord)
    {
        float u = (int)(radiusWord >> 1) * RadiusScale + RadiusOffset;
        float radius = MathF.Sqrt(-2f * LogReference(u));

        // The top 24 bits of the angle word, split into the nearest quadrant and a signed 22-bit remainder.
        int offset = (int)(angleWord << 2) >> 10;
        uint quadrant = (angleWord + (1u << 29)) >> 30;
        (float sin, float cos) = SinCosReference(offset * AngleScale);

        // Rotate by quadrant·π/2: odd quadrants swap sine and cosine; then cos is negative in quadrants 1 and 2,
        // sin in quadrants 2 and 3.
        if ((quadrant & 1) != 0)
            (sin, cos) = (cos, sin);
        if (((quadrant + 1) & 2) != 0)
            cos = -cos;
        if ((quadrant & 2) != 0)
            sin = -sin;
        return (radius * cos, radius * sin);
    }

    /// <summary>ln x for a positive normal float x (Cephes logf without its range checks).</summary>
    internal static float LogReference(float x)
    {
        int bits = BitConverter.SingleToInt32Bits(x) - SqrtHalfBits;
        float exponent = bits >> 23;
        float f = BitConverter.Int32BitsToSingle((bits & MantissaMask) + SqrtHalfBits) - 1f;
        float z = f * f;
        float y = Log0 * f + Log1;
        y = y * f + Log2;
        y = y * f + Log3;
        y = y * f + Log4;
        y = y * f + Log5;
        y = y * f + Log6;
        y = y * f + Log7;
        y = y * f + Log8;
        y = y * f * z;
        y = y + exponent * Ln2Low;
        y = y - 0.5f * z;
        return f + y + exponent * Ln2High;
    }

    /// <summary>(sin x, cos x) for x ∈ [−π/4, π/4] (Cephes sinf and cosf polynomials).</summary>
    internal static (float Sin, float Cos) SinCosReference(float x)
    {
        float z = x * x;
        float sin = ((Sin0 * z + Sin1) * z + Sin2) * z * x + x;
        float cos = ((Cos0 * z + Cos1) * z + Cos2) * z * z - 0.5f * z + 1f;
        return (sin, cos);
    }
}
