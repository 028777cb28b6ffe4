namespace SurgeCollapse.Simd.Noise;

/// <summary>
/// The stream ids of one run's noise consumers: with the run's seed they key independent <see cref="NormalGenerator"/>
/// streams. The values are part of what a seed reproduces, so they never change.
/// </summary>
public enum NoiseStreamId : ulong
{
    /// <summary>Gaussian noise added to the inputs of every training batch (SPEC §2).</summary>
    InputNoise = 1,

    /// <summary>The entropy pump's extra input noise (SPEC §6).</summary>
    EntropyPump = 2,

    /// <summary>The values given to re-expanded weights, w = r·z (SPEC §4).</summary>
    Surge = 3,
}
