using System.Globalization;
using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Entropy;
using SurgeCollapse.Simd.Sparsity;

namespace SurgeCollapse.Cli.Commands;

/// <summary>The lines <c>surge train</c> prints about its dynamics before training: the policy and how entropy is measured.</summary>
internal static class DynamicsDescription
{
    /// <summary>The policy and the parameters that apply to it.</summary>
    public static string Policy(DynamicsOptions options)
    {
        AdaptiveOptions a = options.Adaptive;
        CultureInfo invariant = CultureInfo.InvariantCulture;
        string text = options.Policy switch
        {
            DynamicsPolicy.Notebook => string.Create(invariant,
                $"{Schedule(options.Schedule)}; sparsity {options.Collapse.Sparsity:G3}, per tensor, biases included, no masks; " +
                $"surge re-seeds every zero, r {options.Surge.RecoveryFactor:G3}"),
            DynamicsPolicy.Scheduled => $"{Schedule(options.Schedule)}; {Collapse(options.Collapse)}; {Surge(options.Surge)}",
            DynamicsPolicy.Adaptive => string.Create(invariant,
                $"h_high {a.HighEntropy:G3}, h_low {a.LowEntropy:G3}, K {a.Interval}, α {a.Smoothing:G3}, ε {a.PlateauEpsilon:G3}, " +
                $"W {a.PlateauWindowSteps}, C {a.CooldownSteps}, σ_pump {a.PumpSigma:G3}, σ_max {a.MaxSigma:G3}, " +
                $"half-life {a.PumpHalfLifeSteps:G4} steps; {Collapse(options.Collapse)}; {Surge(options.Surge)}"),
            _ => "plain training, no collapse, surge or pump",
        };
        return $"policy {EnumWords.Of(options.Policy)}: {text}";
    }

    /// <summary>How the entropies are measured: bins, range, unit and normalisation.</summary>
    public static string Entropy(EntropyOptions options)
    {
        string range = options.Range == HistogramRange.Batch ? "batch range" : string.Create(CultureInfo.InvariantCulture, $"range [{options.Low:G4}, {options.High:G4}]");
        string correction = options.MillerMadow ? ", Miller–Madow" : "";
        return $"entropy: {options.Bins} bins, {range}, {EnumWords.Of(options.Unit)}{correction}; h = H / ln B, mean over hidden layers";
    }

    private static string Schedule(ScheduleOptions schedule) => string.Create(CultureInfo.InvariantCulture,
        $"collapse every {schedule.CollapseEvery} steps, surge every {schedule.SurgeEvery}");

    private static string Collapse(CollapseOptions collapse) => string.Create(CultureInfo.InvariantCulture,
        $"sparsity {collapse.Sparsity:G3}, {EnumWords.Of(collapse.Scope)}, {(collapse.IncludeBiases ? "biases included" : "weights only")}, persistent masks");

    private static string Surge(SurgeOptions surge)
    {
        string which = surge.Strategy == SurgeStrategy.Noise
            ? "noise (every pruned weight)"
            : string.Create(CultureInfo.InvariantCulture, $"{EnumWords.Of(surge.Strategy)}, fraction {surge.Fraction:G3}");
        return string.Create(CultureInfo.InvariantCulture, $"regrow {which}, r {surge.RecoveryFactor:G3}");
    }
}
