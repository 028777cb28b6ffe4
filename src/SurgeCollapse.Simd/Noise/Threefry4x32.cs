using System.Numerics;
using System.Runtime.CompilerServices;

namespace SurgeCollapse.Simd.Noise;

/// <summary>
/// Threefry-4×32-20, the counter-based generator of Random123 (Salmon et al., "Parallel random numbers: as easy as
/// 1, 2, 3", SC'11): a keyed bijection of a 128-bit counter made of additions, rotations and xors only, so that it
/// vectorises on every instruction set and output n depends on n alone, never on how many values were drawn before
/// it or at what vector width. 20 rounds is Random123's default, chosen by its authors with a safety margin above
/// the fewest rounds that pass TestU01's BigCrush. This scalar form is the specification, checked against
/// Random123's known-answer vectors; the vector paths of <see cref="NormalKernel"/> repeat it lane by lane.
/// </summary>
internal static class Threefry4x32
{
    /// <summary>The encryption of the counter (x0, x1, x2, x3).</summary>
    public static (uint X0, uint X1, uint X2, uint X3) Encrypt(uint x0, uint x1, uint x2, uint x3, in ThreefryKey key)
    {
        x0 += key.K0;
        x1 += key.K1;
        x2 += key.K2;
        x3 += key.K3;
        // Rounds 8k … 8k + 3 take rotations 0–3 of Random123's R_32x4 schedule, rounds 8k + 4 … 8k + 7 rotations 4–7;
        // after every four rounds key injection s adds key word (s + i) mod 5 to word i, and s to word 3.
        FourRounds(ref x0, ref x1, ref x2, ref x3, 10, 26, 11, 21, 13, 27, 23, 5);
        Inject(ref x0, ref x1, ref x2, ref x3, key.K1, key.K2, key.K3, key.K4 + 1);
        FourRounds(ref x0, ref x1, ref x2, ref x3, 6, 20, 17, 11, 25, 10, 18, 20);
        Inject(ref x0, ref x1, ref x2, ref x3, key.K2, key.K3, key.K4, key.K0 + 2);
        FourRounds(ref x0, ref x1, ref x2, ref x3, 10, 26, 11, 21, 13, 27, 23, 5);
        Inject(ref x0, ref x1, ref x2, ref x3, key.K3, key.K4, key.K0, key.K1 + 3);
        FourRounds(ref x0, ref x1, ref x2, ref x3, 6, 20, 17, 11, 25, 10, 18, 20);
        Inject(ref x0, ref x1, ref x2, ref x3, key.K4, key.K0, key.K1, key.K2 + 4);
        FourRounds(ref x0, ref x1, ref x2, ref x3, 10, 26, 11, 21, 13, 27, 23, 5);
        Inject(ref x0, ref x1, ref x2, ref x3, key.K0, key.K1, key.K2, key.K3 + 5);
        return (x0, x1, x2, x3);
    }

    /// <summary>Four rounds: even rounds mix the words (0, 1) and (2, 3), odd rounds (0, 3) and (2, 1) (Threefish's permutation).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FourRounds(ref uint x0, ref uint x1, ref uint x2, ref uint x3,
        int r0, int r1, int r2, int r3, int r4, int r5, int r6, int r7)
    {
        Mix(ref x0, ref x1, r0);
        Mix(ref x2, ref x3, r1);
        Mix(ref x0, ref x3, r2);
        Mix(ref x2, ref x1, r3);
        Mix(ref x0, ref x1, r4);
        Mix(ref x2, ref x3, r5);
        Mix(ref x0, ref x3, r6);
        Mix(ref x2, ref x1, r7);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Mix(ref uint a, ref uint b, int rotation)
    {
        a += b;
        b = BitOperations.RotateLeft(b, rotation) ^ a;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Inject(ref uint x0, ref uint x1, ref uint x2, ref uint x3, uint k0, uint k1, uint k2, uint k3)
    {
        x0 += k0;
        x1 += k1;
        x2 += k2;
        x3 += k3;
    }
}
