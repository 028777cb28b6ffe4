using System.Numerics;
using System.Runtime.CompilerServices;

namespace SurgeCollapse.Simd.Noise;

/// <summary>
/// xoshiro256** (Blackman and Vigna, 2018), seeded through SplitMix64: a small, fast generator whose stream
/// is fixed by its seed on every platform, so runs are bit-for-bit reproducible. Not for cryptography.
/// </summary>
/// <remarks>A mutable struct: pass it by <c>ref</c>, or keep it in a field, so that draws advance one stream.</remarks>
public struct Xoshiro256
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a generator whose whole stream is determined by <paramref name="seed"/>.</summary>
    public Xoshiro256(ulong seed)
    {
        // SplitMix64 spreads any seed, including 0, over the 256-bit state (the authors' recommendation).
        _s0 = SplitMix64(ref seed);
        _s1 = SplitMix64(ref seed);
        _s2 = SplitMix64(ref seed);
        _s3 = SplitMix64(ref seed);
    }

    /// <summary>
    /// Creates the generator of one <paramref name="purpose"/> of a run's <paramref name="seed"/>: the stream id is
    /// mixed into the seed before SplitMix64 spreads it, so streams of one seed share no state.
    /// </summary>
    public Xoshiro256(ulong seed, RandomPurpose purpose) : this(seed ^ ((ulong)purpose * 0xD1B54A32D192ED03UL))
    {
    }

    /// <summary>The number of 64-bit words of the state: what <see cref="CopyStateTo"/> writes and <see cref="FromState"/> reads.</summary>
    internal const int StateWords = 4;

    /// <summary>Writes the four state words, for a checkpoint; <see cref="FromState"/> continues the stream from them.</summary>
    internal readonly void CopyStateTo(Span<ulong> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, StateWords, nameof(destination));
        (destination[0], destination[1], destination[2], destination[3]) = (_s0, _s1, _s2, _s3);
    }

    /// <summary>The generator whose state is <paramref name="state"/>, as <see cref="CopyStateTo"/> wrote it.</summary>
    /// <exception cref="ArgumentException">The state is not four words, or all four are zero (a state xoshiro never leaves, nor reaches from a seed).</exception>
    internal static Xoshiro256 FromState(ReadOnlySpan<ulong> state)
    {
        if (state.Length != StateWords)
            throw new ArgumentException($"expected {StateWords} state words, got {state.Length}", nameof(state));
        if ((state[0] | state[1] | state[2] | state[3]) == 0)
            throw new ArgumentException("an all-zero state would only ever produce zeros", nameof(state));
        var generator = default(Xoshiro256);
        (generator._s0, generator._s1, generator._s2, generator._s3) = (state[0], state[1], state[2], state[3]);
        return generator;
    }

    /// <summary>The next 64 uniformly distributed bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform float in [0, 1) with 24 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>A uniform integer in [0, <paramref name="exclusiveMax"/>), without modulo bias (Lemire's method).</summary>
    public int NextInt32(int exclusiveMax)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exclusiveMax);
        ulong range = (ulong)exclusiveMax;
        UInt128 product = (UInt128)NextUInt64() * range;
        ulong low = (ulong)product;
        if (low < range)
        {
            ulong threshold = (0UL - range) % range;
            while (low < threshold)
            {
                product = (UInt128)NextUInt64() * range;
                low = (ulong)product;
            }
        }

        return (int)(product >> 64);
    }

    /// <summary>A standard normal draw N(0, 1) by the Box–Muller transform in double precision.</summary>
    /// <remarks>Uses one pair of uniforms per draw and discards the second normal, so the stream stays simple to reason about.</remarks>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble(); // (0, 1]: log is finite
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A uniform float in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public float NextUniform(float low, float high) => low + (high - low) * NextSingle();

    private static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
