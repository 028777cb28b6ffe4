using System.Globalization;

namespace SurgeCollapse.Simd.Data;

/// <summary>
/// Options of the auto-regressive data (SPEC §2, <c>ar</c>): <c>x[t+1] = A·x[t] + NoiseScale·ε</c>, with A a random
/// matrix of spectral radius <see cref="SpectralRadius"/> and ε ~ N(0, I).
/// </summary>
public sealed record ArDataOptions
{
    /// <summary>Largest accepted <see cref="Dimension"/>: generation costs Dimension² per sample.</summary>
    public const int MaxDimension = 4096;

    /// <summary>Largest accepted <see cref="SpectralRadius"/>: the burn-in grows like 1 / (1 − ρ), and ρ ≥ 1 is not stationary.</summary>
    public const double MaxSpectralRadius = 0.999;

    /// <summary>Length of each state vector x[t]: the input and target size. Default 128.</summary>
    public int Dimension { get; init; } = 128;

    /// <summary>Number of (x[t], x[t+1]) pairs. Default 10,000.</summary>
    public int Samples { get; init; } = 10_000;

    /// <summary>Spectral radius ρ(A) of the transition matrix, in (0, <see cref="MaxSpectralRadius"/>]. Default 0.9.</summary>
    public double SpectralRadius { get; init; } = 0.9;

    /// <summary>Standard deviation of the innovation added at each step, greater than 0. Default 0.1.</summary>
    public double NoiseScale { get; init; } = 0.1;

    /// <summary>Share of the samples, taken from the end of the sequence, held out for validation, in [0, 1). Default 0.1.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Seed of the one generator that draws A and every ε.</summary>
    public ulong Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option outside its range, its value and the range.</summary>
    public void Validate()
    {
        OptionCheck.Range(Dimension is >= 1 and <= MaxDimension, nameof(ArDataOptions), nameof(Dimension), Dimension, $"[1, {MaxDimension}]");
        // Samples + 1 states of Dimension floats are stored in one array.
        int maxSamples = Array.MaxLength / Dimension - 1;
        OptionCheck.Range(Samples >= 1 && Samples <= maxSamples, nameof(ArDataOptions), nameof(Samples), Samples, $"[1, {maxSamples}] for Dimension = {Dimension}");
        OptionCheck.Range(SpectralRadius is > 0 and <= MaxSpectralRadius, nameof(ArDataOptions), nameof(SpectralRadius), SpectralRadius, string.Create(CultureInfo.InvariantCulture, $"(0, {MaxSpectralRadius}]"));
        OptionCheck.Range(NoiseScale > 0 && double.IsFinite(NoiseScale), nameof(ArDataOptions), nameof(NoiseScale), NoiseScale, "(0, ∞)");
        Dataset.CheckValidationFraction(nameof(ArDataOptions), ValidationFraction, Samples);
    }
}
