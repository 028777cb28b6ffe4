namespace SurgeCollapse.Cli.Reporting;

/// <summary>
/// A run's <c>run.json</c> as the sweep writes it. Every member is nullable so that a missing field is reported by
/// <see cref="RunDirectoryReader"/> with its name rather than by the serializer; unknown fields are ignored.
/// </summary>
internal sealed class RunRecord
{
    public string? Policy { get; set; }
    public double? Noise { get; set; }
    public ulong? Seed { get; set; }
    public string? Data { get; set; }
    public string? Loss { get; set; }
    public int[]? Sizes { get; set; }
    public int? BatchSize { get; set; }
    public int? Epochs { get; set; }
    public long? Steps { get; set; }
    public bool? Completed { get; set; }
    public bool? Diverged { get; set; }
    public string? Message { get; set; }
    public double? FinalTrainingLoss { get; set; }
    public double? FinalValidationLoss { get; set; }
    public double? BestValidationLoss { get; set; }
    public long? BestValidationStep { get; set; }
    public double? FinalSparsity { get; set; }
    public Dictionary<string, int>? Events { get; set; }
    public double? StepsPerSecond { get; set; }
    public long? ResumedAfterStep { get; set; }

    /// <summary>The loss no model can beat (the markov entropy rate in nats, the ar noise variance), or null.</summary>
    public double? LossFloor { get; set; }

    public EntropySettings? Entropy { get; set; }
    public string? Simd { get; set; }

    /// <summary>The information ledger rows (token data) or null (vector data: not defined, SPEC §9).</summary>
    public LedgerRow[]? Ledger { get; set; }
}

/// <summary>How a run measured entropy (SPEC §5: policy, bins and unit are written next to every entropy).</summary>
internal sealed class EntropySettings
{
    public int? Bins { get; set; }
    public string? Range { get; set; }
    public string? Unit { get; set; }
    public bool? Normalized { get; set; }
}

/// <summary>One evaluation of the information ledger (SPEC §9), in bits and joules.</summary>
internal sealed class LedgerRow
{
    public long? Step { get; set; }
    public double? NBits { get; set; }
    public double? DTokens { get; set; }
    public double? HBits { get; set; }
    public bool? HIsEstimate { get; set; }
    public double? LBits { get; set; }
    public double? IBits { get; set; }
    public double? Eta { get; set; }
    public double? E0Joules { get; set; }
}
