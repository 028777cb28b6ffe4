namespace SurgeCollapse.Cli.Reporting;

/// <summary>One row of a run's events.csv: what the dynamics did at a step and why (SPEC §6).</summary>
/// <param name="Step">The 1-based training step.</param>
/// <param name="Rule">scheduled-collapse, scheduled-surge, high-entropy, low-entropy or plateau.</param>
/// <param name="Action">collapse, surge or pump.</param>
/// <param name="Entropy">The normalised activation entropy the rule read.</param>
/// <param name="SparsityBefore">Sparsity before the action, 0..1.</param>
/// <param name="SparsityAfter">Sparsity after the action, 0..1.</param>
/// <param name="InputSigma">Input noise σ in effect after the action.</param>
/// <param name="Changed">How many values the action pruned or re-expanded (0 for a pump).</param>
internal sealed record RunEvent(long Step, string Rule, string Action, double Entropy, double SparsityBefore,
    double SparsityAfter, double InputSigma, double Changed);
