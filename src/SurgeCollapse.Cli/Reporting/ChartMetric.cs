namespace SurgeCollapse.Cli.Reporting;

/// <summary>The per-step quantities the report charts for every arm (SPEC §8).</summary>
internal enum ChartMetric
{
    TrainingLoss,
    ValidationLoss,
    TargetEntropy,
    ActivationEntropy,
    Sparsity,
}
