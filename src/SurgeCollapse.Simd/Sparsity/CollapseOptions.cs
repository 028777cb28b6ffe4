namespace SurgeCollapse.Simd.Sparsity;

/// <summary>How a collapse prunes (SPEC §3).</summary>
public sealed record CollapseOptions
{
    /// <summary>The quantile s of |w| used as the threshold: about this fraction of weights is pruned. Default 0.5.</summary>
    public double Sparsity { get; init; } = 0.5;

    /// <summary>One threshold per tensor, or one over all of them. Default per tensor.</summary>
    public CollapseScope Scope { get; init; } = CollapseScope.PerTensor;

    /// <summary>Whether biases are pruned too (the notebook preset does). Default false.</summary>
    public bool IncludeBiases { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming an option out of range.</summary>
    public void Validate()
    {
        OptionCheck.Range(Sparsity is >= 0 and < 1, nameof(CollapseOptions), nameof(Sparsity), Sparsity, "[0, 1)");
        OptionCheck.Range(Enum.IsDefined(Scope), nameof(CollapseOptions), nameof(Scope), Scope, "PerTensor or Global");
    }
}
