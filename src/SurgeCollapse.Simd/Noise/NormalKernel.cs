using System.Diagnostics;
using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Simd.Noise;

/// <summary>
/// Standard normal deviates from Threefry-4×32 counters by the Box–Muller transform, in chunks of 64.
/// </summary>
/// <remarks>
/// <para>
/// <b>Layout.</b> Chunk c of a stream uses the 16 counters 16c … 16c + 15. Counter 16c + j is encrypted into four
/// words w0…w3, and Box–Muller turns (w0, w1) into the normals at 64c + j and 64c + 16 + j, (w2, w3) into those at
/// 64c + 32 + j and 64c + 48 + j. A 512-bit vector then holds the 16 counters of a chunk, a 256-bit vector half of
/// them, a 128-bit vector a quarter, and normal n of a stream is the same number whatever the width.
/// </para>
/// <para>
/// <b>Transform.</b> r = √(−2 ln u) with u = (w0 ≫ 1)·2⁻³¹ + 2⁻³² ∈ [2⁻³², 1], so |z| ≤ √(64 ln 2) ≈ 6.66, and
/// θ = 2π·(w1 ≫ 8)/2²⁴. The angle is reduced to [−π/4, π/4) plus a quadrant with integer operations, exactly. The
/// logarithm, sine and cosine are Cephes' float polynomials (logf, sinf, cosf; Moshier, "Methods and Programs for
/// Mathematical Functions", 1989), evaluated with separate multiplications and additions, never fused: every path
/// does the same IEEE-754 operations in the same order (square root and int-to-float conversion are correctly
/// rounded everywhere), so every path, on every instruction set, gives the same bits. TensorPrimitives'
/// and Vector512's own Log, Sin and Cos give no such promise, and a fused multiply-add would be emulated, slowly,
/// where the hardware has none.
/// </para>
/// </remarks>
internal static partial class NormalKernel
{
    /// <summary>Normals per chunk: four per counter, 16 counters.</summary>
    public const int ChunkLength = 64;

    /// <summary>Counters per chunk: the lanes of the widest vector (16 × 32 bits).</summary>
    public const int CountersPerChunk = 16;

    /// <summary>
    /// The vector paths work through 16 chunks (4 KiB, well inside L1) at a time in two passes: first every counter
    /// is encrypted and its words parked in the destination, then every pair of words becomes two normals in place.
    /// Each pass is a loop of short independent iterations that the core overlaps; doing both in one iteration makes
    /// a dependency chain (20 rounds, then log, square root, sine) too long to overlap, and ran at half the speed.
    /// </summary>
    private const int PassLength = 16 * ChunkLength;

    // u = (w ≫ 1)·2⁻³¹ + 2⁻³²: the offset keeps u away from 0 (ln 0 = −∞).
    private const float RadiusScale = 1f / 2147483648f;
    private const float RadiusOffset = 1f / 4294967296f;

    // θ = quadrant·π/2 + offset·π/2²³, offset the signed 22-bit remainder of the angle's top 24 bits.
    private const float AngleScale = (float)(Math.PI / 8388608);

    // ln x = e·ln 2 + ln m, m ∈ [√½, √2), found by subtracting the bits of √½ (0x3F3504F3) so that the exponent
    // field rolls over at m = √2. ln 2 is split (Cephes' C1 + C2) so that e·C2 is exact.
    private const int SqrtHalfBits = 0x3F3504F3;
    private const int MantissaMask = 0x007FFFFF;
    private const float Ln2High = 0.693359375f, Ln2Low = -2.12194440e-4f;
    private const float Log0 = 7.0376836292E-2f, Log1 = -1.1514610310E-1f, Log2 = 1.1676998740E-1f;
    private const float Log3 = -1.2420140846E-1f, Log4 = 1.4249322787E-1f, Log5 = -1.6668057665E-1f;
    private const float Log6 = 2.0000714765E-1f, Log7 = -2.4999993993E-1f, Log8 = 3.3333331174E-1f;

    // sin and cos on [−π/4, π/4] (Cephes sinf, cosf).
    private const float Sin0 = -1.9515295891E-4f, Sin1 = 8.3321608736E-3f, Sin2 = -1.6666654611E-1f;
    private const float Cos0 = 2.443315711809948E-5f, Cos1 = -1.388731625493765E-3f, Cos2 = 4.166664568298827E-2f;

    /// <summary>
    /// Writes chunks <paramref name="firstChunk"/>, <paramref name="firstChunk"/> + 1, … of the stream keyed by
    /// <paramref name="key"/> into <paramref name="destination"/>, whose length is a multiple of <see cref="ChunkLength"/>.
    /// </summary>
    public static void Fill(in ThreefryKey key, long firstChunk, Span<float> destination, SimdWidth width)
    {
        Debug.Assert(destination.Length % ChunkLength == 0 && firstChunk >= 0);
        switch (width)
        {
            case SimdWidth.Vector512:
                Fill512(key, firstChunk, destination);
                break;
            case SimdWidth.Vector256:
                Fill256(key, firstChunk, destination);
                break;
            case SimdWidth.Vector128:
                Fill128(key, firstChunk, destination);
                break;
            default:
                FillReference(key, firstChunk, destination);
                break;
        }
    }

    /// <summary>The first counter of chunk <paramref name="chunk"/>: its low word (a multiple of 16) and high word.</summary>
    private static (uint Low, uint High) FirstCounter(long chunk)
    {
        ulong counter = (ulong)chunk * CountersPerChunk;
        return ((uint)counter, (uint)(counter >> 32));
    }
}
