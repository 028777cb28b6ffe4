namespace SurgeCollapse.Cli.Reporting;

/// <summary>
/// The per-step columns of a run's metrics.csv that the report charts, one element per row in file order. Values the
/// file leaves empty (validation loss between evaluations) are NaN.
/// </summary>
internal sealed class MetricsTable
{
    public required long[] Steps { get; init; }
    public required double[] TrainingLoss { get; init; }
    public required double[] ValidationLoss { get; init; }
    public required double[] ActivationEntropy { get; init; }
    public required double[] TargetEntropy { get; init; }
    public required double[] Sparsity { get; init; }
    public required double[] InputSigma { get; init; }

    /// <summary>The column of <paramref name="metric"/>.</summary>
    public double[] Column(ChartMetric metric) => metric switch
    {
        ChartMetric.TrainingLoss => TrainingLoss,
        ChartMetric.ValidationLoss => ValidationLoss,
        ChartMetric.ActivationEntropy => ActivationEntropy,
        ChartMetric.TargetEntropy => TargetEntropy,
        ChartMetric.Sparsity => Sparsity,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };
}
