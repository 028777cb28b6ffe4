namespace SurgeCollapse.Simd.Sparsity;

/// <summary>How a surge re-expands pruned weights (SPEC §4).</summary>
public sealed record SurgeOptions
{
    /// <summary>Which pruned positions are re-expanded. Default <see cref="SurgeStrategy.Noise"/> (all).</summary>
    public SurgeStrategy Strategy { get; init; } = SurgeStrategy.Noise;

    /// <summary>The fraction f of pruned positions re-expanded by <see cref="SurgeStrategy.Random"/> and <see cref="SurgeStrategy.Gradient"/>. Default 1.</summary>
    public double Fraction { get; init; } = 1.0;

    /// <summary>The recovery factor r: a re-expanded weight is r·z, z ~ N(0, 1). Default 0.1.</summary>
    public double RecoveryFactor { get; init; } = 0.1;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming an option out of range.</summary>
    public void Validate()
    {
        OptionCheck.Range(Enum.IsDefined(Strategy), nameof(SurgeOptions), nameof(Strategy), Strategy, "Noise, Random or Gradient");
        OptionCheck.Range(Fraction is >= 0 and <= 1, nameof(SurgeOptions), nameof(Fraction), Fraction, "[0, 1]");
        OptionCheck.FiniteNonNegative(nameof(SurgeOptions), nameof(RecoveryFactor), RecoveryFactor);
    }
}
