using SurgeCollapse.Simd.Noise;

namespace SurgeCollapse.Simd.Tests.Reference;

/// <summary>
/// The generator's stream recomputed from its definition (NormalKernel's remarks) in double precision: Threefry words
/// (checked separately against Random123's known answers), the chunk layout, then Box–Muller with Math.Log, Math.Sqrt,
/// Math.Cos and Math.Sin.
/// </summary>
internal static class NormalOracle
{
    /// <summary>Normal <paramref name="index"/> of stream (<paramref name="seed"/>, <paramref name="stream"/>), and the radius r it was scaled by.</summary>
    public static (double Value, double Radius) At(ulong seed, ulong stream, long index)
    {
        // Chunk c = n / 64 holds counters 16c … 16c + 15; row n % 64 / 16 says which pair of words and cos or sin.
        long chunk = index / 64;
        int row = (int)(index % 64 / 16), lane = (int)(index % 16);
        ulong counter = (ulong)chunk * 16 + (ulong)lane;
        (uint w0, uint w1, uint w2, uint w3) = Threefry4x32.Encrypt((uint)counter, (uint)(counter >> 32), 0, 0, new ThreefryKey(seed, stream));
        (double cos, double sin, double radius) = row < 2 ? BoxMuller(w0, w1) : BoxMuller(w2, w3);
        return (row % 2 == 0 ? cos : sin, radius);
    }

    /// <summary>
    /// (r·cos θ, r·sin θ, r). The uniform u is defined in float, (w ≫ 1)·2⁻³¹ + 2⁻³² rounded, and taken as is: its
    /// rounding is part of the stream's definition, not an error of the transform. θ = 2π·(w ≫ 8)/2²⁴ is exact here.
    /// </summary>
    public static (double Cos, double Sin, double Radius) BoxMuller(uint radiusWord, uint angleWord)
    {
        float u = (int)(radiusWord >> 1) * (1f / 2147483648f) + 1f / 4294967296f;
        double radius = Math.Sqrt(-2 * Math.Log(u));
        double angle = 2 * Math.PI * (angleWord >> 8) / (1 << 24);
        return (radius * Math.Cos(angle), radius * Math.Sin(angle), radius);
    }
}
