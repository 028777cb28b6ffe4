namespace SurgeCollapse.Simd.Noise;

/// <summary>
/// The key schedule of Threefry-4×32: the four key words and their parity word K4, so that key injection s can add
/// word (s + i) mod 5 to word i (Random123's threefry.h).
/// </summary>
internal readonly struct ThreefryKey
{
    /// <summary>Skein's key-schedule parity constant for 32-bit words (SKEIN_KS_PARITY32).</summary>
    private const uint Parity = 0x1BD11BDA;

    public readonly uint K0, K1, K2, K3, K4;

    public ThreefryKey(uint k0, uint k1, uint k2, uint k3)
    {
        (K0, K1, K2, K3) = (k0, k1, k2, k3);
        K4 = Parity ^ k0 ^ k1 ^ k2 ^ k3;
    }

    /// <summary>The key of one stream: the 64-bit seed in words 0–1, the 64-bit stream id in words 2–3.</summary>
    public ThreefryKey(ulong seed, ulong stream)
        : this((uint)seed, (uint)(seed >> 32), (uint)stream, (uint)(stream >> 32))
    {
    }
}
