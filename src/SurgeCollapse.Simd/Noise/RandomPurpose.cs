namespace SurgeCollapse.Simd.Noise;

/// <summary>
/// What a generator's numbers are for. One run seed feeds several consumers; each takes its own stream of that seed
/// (a <see cref="Xoshiro256"/> or a <see cref="NormalGenerator"/> keyed by seed and purpose), so the data, the initial
/// weights and every kind of noise are independent even when one seed is given to all of them. The values are part
/// of what a seed reproduces, so they never change.
/// </summary>
public enum RandomPurpose : ulong
{
    /// <summary>The plain stream of the seed.</summary>
    Default = 0,
    /// <summary>Gaussian noise added to the inputs of every training batch (SPEC §2).</summary>
    InputNoise = 1,
    /// <summary>The entropy pump's extra input noise (SPEC §6).</summary>
    EntropyPump = 2,
    /// <summary>The values given to re-expanded weights, w = r·z (SPEC §4).</summary>
    Surge = 3,
    /// <summary>Synthetic data (the <c>ar</c> matrix and sequence).</summary>
    Data = 4,
    /// <summary>Initial weights.</summary>
    Initialization = 5,
}
