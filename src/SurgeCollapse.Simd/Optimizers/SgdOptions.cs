namespace SurgeCollapse.Simd.Optimizers;

/// <summary>
/// Hyper-parameters of <see cref="Sgd"/>, with the defaults of <c>torch.optim.SGD</c>
/// (https://pytorch.org/docs/stable/generated/torch.optim.SGD.html).
/// </summary>
public sealed record SgdOptions
{
    /// <summary>The learning rate lr (PyTorch default 1e-3).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>The momentum factor μ; 0 turns momentum off and no buffer is kept.</summary>
    public double Momentum { get; init; }

    /// <summary>The dampening τ: the gradient enters the momentum buffer scaled by 1 − τ (from the second step on).</summary>
    public double Dampening { get; init; }

    /// <summary>The L2 penalty λ, added to the gradient as λ·p.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Nesterov momentum: step along g + μ·b instead of b. Needs a momentum and zero dampening.</summary>
    public bool Nesterov { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of range, its value and the range.</summary>
    public void Validate()
    {
        OptionCheck.FiniteNonNegative(nameof(SgdOptions), nameof(LearningRate), LearningRate);
        OptionCheck.FiniteNonNegative(nameof(SgdOptions), nameof(Momentum), Momentum);
        OptionCheck.Range(Dampening is >= 0 and <= 1, nameof(SgdOptions), nameof(Dampening), Dampening, "[0, 1]"); // PyTorch does not check; outside, g would be amplified or negated
        OptionCheck.FiniteNonNegative(nameof(SgdOptions), nameof(WeightDecay), WeightDecay);
        // PyTorch raises "Nesterov momentum requires a momentum and zero dampening".
        if (Nesterov)
        {
            OptionCheck.Range(Momentum > 0, nameof(SgdOptions), nameof(Momentum), Momentum, "(0, ∞) when Nesterov is on");
            OptionCheck.Range(Dampening == 0, nameof(SgdOptions), nameof(Dampening), Dampening, "{0} when Nesterov is on");
        }
    }
}
