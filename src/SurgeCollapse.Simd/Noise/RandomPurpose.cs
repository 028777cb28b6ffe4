namespace SurgeCollapse.Simd.Noise;

/// <summary>
/// What a generator's numbers are for. One run seed feeds several consumers; each takes its own stream, so the
/// data, the initial weights and the noise are independent even when the user passes one seed to all of them.
/// </summary>
public enum RandomPurpose : ulong
{
    /// <summary>The plain stream of the seed.</summary>
    Default = 0,
    /// <summary>Synthetic data (the <c>ar</c> matrix and sequence).</summary>
    Data = 1,
    /// <summary>Initial weights.</summary>
    Initialization = 2,
}
