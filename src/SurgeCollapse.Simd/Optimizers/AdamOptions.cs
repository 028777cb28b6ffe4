namespace SurgeCollapse.Simd.Optimizers;

/// <summary>
/// Hyper-parameters of <see cref="Adam"/>, with the defaults of <c>torch.optim.Adam</c>
/// (https://pytorch.org/docs/stable/generated/torch.optim.Adam.html). <see cref="AdamW"/> gives the defaults of
/// <c>torch.optim.AdamW</c>.
/// </summary>
public sealed record AdamOptions
{
    /// <summary>The options of <c>torch.optim.AdamW</c>: decoupled weight decay λ = 1e-2, the rest as Adam.</summary>
    public static AdamOptions AdamW { get; } = new() { WeightDecay = 1e-2, DecoupledWeightDecay = true };

    /// <summary>The learning rate lr (default 1e-3).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>β₁, the decay of the first moment m (default 0.9).</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>β₂, the decay of the second moment v (default 0.999).</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>ε, added to √v̂ outside the square root (default 1e-8).</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>The weight decay λ (default 0): an L2 penalty λ·p added to the gradient, or decoupled (AdamW).</summary>
    public double WeightDecay { get; init; }

    /// <summary>
    /// Decoupled weight decay, as <c>torch.optim.AdamW</c> (and Adam's <c>decoupled_weight_decay=True</c>):
    /// p ← p·(1 − lr·λ) before the Adam update, instead of adding λ·p to the gradient.
    /// </summary>
    public bool DecoupledWeightDecay { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of range, its value and the range.</summary>
    public void Validate()
    {
        OptionCheck.FiniteNonNegative(nameof(AdamOptions), nameof(LearningRate), LearningRate);
        OptionCheck.Range(Beta1 is >= 0 and < 1, nameof(AdamOptions), nameof(Beta1), Beta1, "[0, 1)");
        OptionCheck.Range(Beta2 is >= 0 and < 1, nameof(AdamOptions), nameof(Beta2), Beta2, "[0, 1)");
        OptionCheck.FiniteNonNegative(nameof(AdamOptions), nameof(Epsilon), Epsilon);
        OptionCheck.FiniteNonNegative(nameof(AdamOptions), nameof(WeightDecay), WeightDecay);
    }
}
