using System.Globalization;

namespace SurgeCollapse.Simd.Dynamics;

/// <summary>The entropy-driven controller's parameters (SPEC §6); entropies are normalised, in [0, 1].</summary>
public sealed record AdaptiveOptions
{
    /// <summary>K: the rules are read every K steps. Default 10.</summary>
    public int Interval { get; init; } = 10;

    /// <summary>Weight α of a new entropy in the moving average, h̄ ← h̄ + α·(h − h̄). Default 0.1.</summary>
    public double Smoothing { get; init; } = 0.1;

    /// <summary>
    /// h_high: above it, collapse and surge at once (rule 1). Default 0.78, calibrated on the default experiment
    /// (docs/dynamics.md): baseline training ends at h̄ ≈ 0.82–0.86 for σ ≤ 0.1 and ≈ 0.72–0.74 for σ = 0.2.
    /// </summary>
    public double HighEntropy { get; init; } = 0.78;

    /// <summary>
    /// h_low: below it, pump noise into the inputs (rule 2). Default 0.58, calibrated on the default experiment
    /// (docs/dynamics.md): h̄ starts training at ≈ 0.50–0.55.
    /// </summary>
    public double LowEntropy { get; init; } = 0.58;

    /// <summary>σ_pump: extra input noise added by one pump. Default 0.05.</summary>
    public double PumpSigma { get; init; } = 0.05;

    /// <summary>σ_max: the cap on base plus pumped input noise. Default 0.5.</summary>
    public double MaxSigma { get; init; } = 0.5;

    /// <summary>Half-life of the pumped noise, in steps. Default 100.</summary>
    public double PumpHalfLifeSteps { get; init; } = 100;

    /// <summary>
    /// ε: h̄ staying within a band this wide (max − min) over the plateau window is a plateau (rule 3). Default 0.01,
    /// not the spec's 0.002: with 64×256 activations a batch's h varies by ≈ 0.013 from batch to batch, so h̄ (α = 0.1)
    /// never stays within 0.002 for 100 steps — the narrowest band measured in baseline runs was 0.006 (docs/dynamics.md).
    /// </summary>
    public double PlateauEpsilon { get; init; } = 0.01;

    /// <summary>W: the plateau window, in steps. Default 100.</summary>
    public int PlateauWindowSteps { get; init; } = 100;

    /// <summary>C: after any action, no rule fires for this many steps. Default 50.</summary>
    public int CooldownSteps { get; init; } = 50;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming an option out of range.</summary>
    public void Validate()
    {
        const string Record = nameof(AdaptiveOptions);
        OptionCheck.Range(Interval >= 1, Record, nameof(Interval), Interval, "[1, ∞)");
        OptionCheck.Range(Smoothing is > 0 and <= 1, Record, nameof(Smoothing), Smoothing, "(0, 1]");
        OptionCheck.Range(LowEntropy is >= 0 and <= 1, Record, nameof(LowEntropy), LowEntropy, "[0, 1]");
        OptionCheck.Range(HighEntropy >= LowEntropy && HighEntropy <= 1, Record, nameof(HighEntropy), HighEntropy, string.Create(CultureInfo.InvariantCulture, $"[{LowEntropy} (LowEntropy), 1]"));
        OptionCheck.FiniteNonNegative(Record, nameof(PumpSigma), PumpSigma);
        OptionCheck.FiniteNonNegative(Record, nameof(MaxSigma), MaxSigma);
        OptionCheck.Range(PumpHalfLifeSteps > 0 && double.IsFinite(PumpHalfLifeSteps), Record, nameof(PumpHalfLifeSteps), PumpHalfLifeSteps, "(0, ∞)");
        OptionCheck.FiniteNonNegative(Record, nameof(PlateauEpsilon), PlateauEpsilon);
        OptionCheck.Range(PlateauWindowSteps >= 1, Record, nameof(PlateauWindowSteps), PlateauWindowSteps, "[1, ∞)");
        OptionCheck.Range(CooldownSteps >= 0, Record, nameof(CooldownSteps), CooldownSteps, "[0, ∞)");
    }
}
