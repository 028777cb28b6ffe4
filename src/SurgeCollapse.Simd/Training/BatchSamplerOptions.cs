namespace SurgeCollapse.Simd.Training;

/// <summary>Options of <see cref="BatchSampler"/> (SPEC §2: batches of 64, reshuffled every epoch, Gaussian input noise).</summary>
public sealed record BatchSamplerOptions
{
    /// <summary>Largest accepted <see cref="BatchSize"/>.</summary>
    public const int MaxBatchSize = 65_536;

    /// <summary>Samples per batch (the last batch of an epoch may be smaller), in [1, <see cref="MaxBatchSize"/>]. Default 64.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Standard deviation σ of the Gaussian noise added to every training input, at least 0 (0: none). Default 0.</summary>
    public double InputNoiseStandardDeviation { get; init; }

    /// <summary>Seed of the shuffle; the noise generator is derived from it as an independent stream.</summary>
    public ulong Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option outside its range, its value and the range.</summary>
    public void Validate()
    {
        OptionCheck.Range(BatchSize is >= 1 and <= MaxBatchSize, nameof(BatchSamplerOptions), nameof(BatchSize), BatchSize, $"[1, {MaxBatchSize}]");
        OptionCheck.FiniteNonNegative(nameof(BatchSamplerOptions), nameof(InputNoiseStandardDeviation), InputNoiseStandardDeviation);
    }
}
