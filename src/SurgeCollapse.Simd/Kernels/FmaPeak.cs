using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SurgeCollapse.Simd.Kernels;

/// <summary>
/// The fused multiply-add ceiling of one core at a given vector width: the yardstick every GFLOPS figure of this
/// project is divided by, measured in the same run as the figure (NOTES.md: machines change from day to day).
/// </summary>
/// <remarks>
/// An FMA has a latency of 4–5 cycles and two pipes issue one each per cycle on the Zen 3 / Zen 5 machines, so at least
/// 8–10 independent chains are needed to keep both pipes busy; <see cref="Accumulators"/> = 12 covers that and still
/// fits the 16 vector registers of AVX2 beside the two operands. The accumulators converge to 1 (a·0.5 + 0.5), so no
/// value overflows or turns subnormal, and their sum is returned so that no chain can be dropped. Each width is a
/// separate non-inlined method compiled fully optimised at once (AggressiveOptimization): a loop entered a few times
/// would otherwise start in tier 0, every accumulator spilled to the stack, and reach tier 1 only through OSR; and
/// not inlining keeps the operands unknown to the compiler, so the chains cannot be folded into constants.
/// </remarks>
public static class FmaPeak
{
    /// <summary>Independent accumulators, i.e. FMAs per loop trip.</summary>
    public const int Accumulators = 12;

    /// <summary>Floating-point operations of <paramref name="iterations"/> loop trips at <paramref name="width"/>: 2 per lane per FMA.</summary>
    public static double Flops(SimdWidth width, int iterations)
    {
        int lanes = width == SimdWidth.Scalar ? 1 : (int)width / 32;
        return 2.0 * iterations * Accumulators * lanes;
    }

    /// <summary>
    /// Runs <paramref name="iterations"/> trips of the 12-chain loop at <paramref name="width"/> (whether or not the
    /// hardware accelerates it: an unaccelerated width runs emulated, and slowly) and returns the accumulators' sum.
    /// </summary>
    public static float Run(SimdWidth width, int iterations)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        const float half = 0.5f;
        return width switch
        {
            SimdWidth.Vector512 => Run(Vector512.Create(half), Vector512.Create(half), iterations),
            SimdWidth.Vector256 => Run(Vector256.Create(half), Vector256.Create(half), iterations),
            SimdWidth.Vector128 => Run(Vector128.Create(half), Vector128.Create(half), iterations),
            SimdWidth.Scalar => Run(half, half, iterations),
            _ => throw new ArgumentOutOfRangeException(nameof(width), width, "not a vector width"),
        };
    }

    /// <summary>The loop with 512-bit FMAs (16 lanes).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static float Run(Vector512<float> multiplier, Vector512<float> addend, int iterations)
    {
        Vector512<float> a0 = addend, a1 = addend, a2 = addend, a3 = addend, a4 = addend, a5 = addend;
        Vector512<float> a6 = addend, a7 = addend, a8 = addend, a9 = addend, a10 = addend, a11 = addend;
        for (int i = 0; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, multiplier, addend);
            a1 = Vector512.FusedMultiplyAdd(a1, multiplier, addend);
            a2 = Vector512.FusedMultiplyAdd(a2, multiplier, addend);
            a3 = Vector512.FusedMultiplyAdd(a3, multiplier, addend);
            a4 = Vector512.FusedMultiplyAdd(a4, multiplier, addend);
            a5 = Vector512.FusedMultiplyAdd(a5, multiplier, addend);
            a6 = Vector512.FusedMultiplyAdd(a6, multiplier, addend);
            a7 = Vector512.FusedMultiplyAdd(a7, multiplier, addend);
            a8 = Vector512.FusedMultiplyAdd(a8, multiplier, addend);
            a9 = Vector512.FusedMultiplyAdd(a9, multiplier, addend);
            a10 = Vector512.FusedMultiplyAdd(a10, multiplier, addend);
            a11 = Vector512.FusedMultiplyAdd(a11, multiplier, addend);
        }

        return Vector512.Sum((a0 + a1) + (a2 + a3) + (a4 + a5) + (a6 + a7) + (a8 + a9) + (a10 + a11));
    }

    /// <summary>The loop with 256-bit FMAs (8 lanes).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static float Run(Vector256<float> multiplier, Vector256<float> addend, int iterations)
    {
        Vector256<float> a0 = addend, a1 = addend, a2 = addend, a3 = addend, a4 = addend, a5 = addend;
        Vector256<float> a6 = addend, a7 = addend, a8 = addend, a9 = addend, a10 = addend, a11 = addend;
        for (int i = 0; i < iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, multiplier, addend);
            a1 = Vector256.FusedMultiplyAdd(a1, multiplier, addend);
            a2 = Vector256.FusedMultiplyAdd(a2, multiplier, addend);
            a3 = Vector256.FusedMultiplyAdd(a3, multiplier, addend);
            a4 = Vector256.FusedMultiplyAdd(a4, multiplier, addend);
            a5 = Vector256.FusedMultiplyAdd(a5, multiplier, addend);
            a6 = Vector256.FusedMultiplyAdd(a6, multiplier, addend);
            a7 = Vector256.FusedMultiplyAdd(a7, multiplier, addend);
            a8 = Vector256.FusedMultiplyAdd(a8, multiplier, addend);
            a9 = Vector256.FusedMultiplyAdd(a9, multiplier, addend);
            a10 = Vector256.FusedMultiplyAdd(a10, multiplier, addend);
            a11 = Vector256.FusedMultiplyAdd(a11, multiplier, addend);
        }

        return Vector256.Sum((a0 + a1) + (a2 + a3) + (a4 + a5) + (a6 + a7) + (a8 + a9) + (a10 + a11));
    }

    /// <summary>The loop with 128-bit FMAs (4 lanes).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static float Run(Vector128<float> multiplier, Vector128<float> addend, int iterations)
    {
        Vector128<float> a0 = addend, a1 = addend, a2 = addend, a3 = addend, a4 = addend, a5 = addend;
        Vector128<float> a6 = addend, a7 = addend, a8 = addend, a9 = addend, a10 = addend, a11 = addend;
        for (int i = 0; i < iterations; i++)
        {
            a0 = Vector128.FusedMultiplyAdd(a0, multiplier, addend);
            a1 = Vector128.FusedMultiplyAdd(a1, multiplier, addend);
            a2 = Vector128.FusedMultiplyAdd(a2, multiplier, addend);
            a3 = Vector128.FusedMultiplyAdd(a3, multiplier, addend);
            a4 = Vector128.FusedMultiplyAdd(a4, multiplier, addend);
            a5 = Vector128.FusedMultiplyAdd(a5, multiplier, addend);
            a6 = Vector128.FusedMultiplyAdd(a6, multiplier, addend);
            a7 = Vector128.FusedMultiplyAdd(a7, multiplier, addend);
            a8 = Vector128.FusedMultiplyAdd(a8, multiplier, addend);
            a9 = Vector128.FusedMultiplyAdd(a9, multiplier, addend);
            a10 = Vector128.FusedMultiplyAdd(a10, multiplier, addend);
            a11 = Vector128.FusedMultiplyAdd(a11, multiplier, addend);
        }

        return Vector128.Sum((a0 + a1) + (a2 + a3) + (a4 + a5) + (a6 + a7) + (a8 + a9) + (a10 + a11));
    }

    /// <summary>The loop with scalar FMAs (<see cref="MathF.FusedMultiplyAdd"/>; a software routine where the CPU has no FMA).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static float Run(float multiplier, float addend, int iterations)
    {
        float a0 = addend, a1 = addend, a2 = addend, a3 = addend, a4 = addend, a5 = addend;
        float a6 = addend, a7 = addend, a8 = addend, a9 = addend, a10 = addend, a11 = addend;
        for (int i = 0; i < iterations; i++)
        {
            a0 = MathF.FusedMultiplyAdd(a0, multiplier, addend);
            a1 = MathF.FusedMultiplyAdd(a1, multiplier, addend);
            a2 = MathF.FusedMultiplyAdd(a2, multiplier, addend);
            a3 = MathF.FusedMultiplyAdd(a3, multiplier, addend);
            a4 = MathF.FusedMultiplyAdd(a4, multiplier, addend);
            a5 = MathF.FusedMultiplyAdd(a5, multiplier, addend);
            a6 = MathF.FusedMultiplyAdd(a6, multiplier, addend);
            a7 = MathF.FusedMultiplyAdd(a7, multiplier, addend);
            a8 = MathF.FusedMultiplyAdd(a8, multiplier, addend);
            a9 = MathF.FusedMultiplyAdd(a9, multiplier, addend);
            a10 = MathF.FusedMultiplyAdd(a10, multiplier, addend);
            a11 = MathF.FusedMultiplyAdd(a11, multiplier, addend);
        }

        return (a0 + a1) + (a2 + a3) + (a4 + a5) + (a6 + a7) + (a8 + a9) + (a10 + a11);
    }
}
