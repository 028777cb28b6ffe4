namespace SurgeCollapse.Simd.PerfGate.Statistics;

/// <summary>The outcome of a two-sided Mann–Whitney U test of x against y.</summary>
/// <param name="U">U of the first sample: its rank sum minus n₁(n₁+1)/2 (R's <c>W</c> of <c>wilcox.test(x, y)</c>).</param>
/// <param name="PValue">Two-sided p-value.</param>
/// <param name="Exact">True when p comes from the exact null distribution, false for the normal approximation.</param>
internal sealed record MannWhitneyResult(double U, double PValue, bool Exact);
