namespace SurgeCollapse.Simd.Noise;

/// <summary>
/// The noise of one training run (SPEC §4: pooled buffers, a fast vectorised generator, seeded, bit-for-bit
/// reproducible, no allocation while training): one independent <see cref="NormalGenerator"/> per consumer, all
/// keyed by the run's seed, and one buffer reused for the noise that cannot be added in place.
/// </summary>
/// <remarks>
/// Input noise and the entropy pump add to the batch in place (<see cref="NormalGenerator.AddNormal(Span{float}, float)"/>)
/// and need no buffer. A surge gives fresh values to some positions of a weight tensor only, so its noise comes as a
/// separate span, <see cref="DrawSurge"/>, position by position. That one buffer is the whole pool: each consumer
/// owns its stream, so what one draws never shifts another's numbers, and every stream advances by the sizes asked
/// of it alone. Not thread-safe: one pool per run.
/// </remarks>
public sealed class NoisePool
{
    private readonly float[] _surgeBuffer;

    /// <summary>Creates the streams of <paramref name="seed"/> and a buffer of <paramref name="capacity"/> floats.</summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="capacity">The most values one <see cref="DrawSurge"/> call returns: the largest weight tensor.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
    public NoisePool(ulong seed, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _surgeBuffer = new float[capacity];
        InputNoise = new NormalGenerator(seed, (ulong)RandomPurpose.InputNoise);
        EntropyPump = new NormalGenerator(seed, (ulong)RandomPurpose.EntropyPump);
        Surge = new NormalGenerator(seed, (ulong)RandomPurpose.Surge);
    }

    /// <summary>The most values one <see cref="DrawSurge"/> call returns.</summary>
    public int Capacity => _surgeBuffer.Length;

    /// <summary>The input-noise stream (<see cref="RandomPurpose.InputNoise"/>), for the batch sampler.</summary>
    public NormalGenerator InputNoise { get; }

    /// <summary>The entropy pump's stream (<see cref="RandomPurpose.EntropyPump"/>).</summary>
    public NormalGenerator EntropyPump { get; }

    /// <summary>The surge's stream (<see cref="RandomPurpose.Surge"/>), which <see cref="DrawSurge"/> reads.</summary>
    public NormalGenerator Surge { get; }

    /// <summary>
    /// The next <paramref name="count"/> values r·z of the surge stream, z ~ N(0, 1), r = <paramref name="recoveryFactor"/>,
    /// in the pool's buffer: valid until the next call.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or above <see cref="Capacity"/>, or r is negative or not finite.</exception>
    public ReadOnlySpan<float> DrawSurge(int count, float recoveryFactor)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Capacity);
        if (!(recoveryFactor >= 0 && float.IsFinite(recoveryFactor)))
            throw new ArgumentOutOfRangeException(nameof(recoveryFactor), recoveryFactor, "must be finite and at least 0");
        Span<float> values = _surgeBuffer.AsSpan(0, count);
        Surge.FillNormal(values, 0f, recoveryFactor);
        return values;
    }
}
