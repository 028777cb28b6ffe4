using SurgeCollapse.Simd.Statistics;

namespace SurgeCollapse.Cli.Reporting;

/// <summary>A policy against baseline at one σ on one metric, paired by seed.</summary>
/// <param name="Noise">Input noise σ of both arms.</param>
/// <param name="Policy">The policy compared.</param>
/// <param name="Metric">The summary.json name of the metric (final_validation_loss or best_validation_loss).</param>
/// <param name="Seeds">The seeds both arms completed with a finite value, in order: the pairs.</param>
/// <param name="BaselineMean">Mean of the baseline's values over those seeds (to read the difference against).</param>
/// <param name="Result">The paired comparison of policy − baseline.</param>
internal sealed record ComparisonRow(double Noise, string Policy, string Metric, IReadOnlyList<ulong> Seeds, double BaselineMean,
    PairedComparison Result);
