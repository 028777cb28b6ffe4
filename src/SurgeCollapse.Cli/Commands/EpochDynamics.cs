using System.Globalization;
using SurgeCollapse.Simd.Dynamics;

namespace SurgeCollapse.Cli.Commands;

/// <summary>What the dynamics did over one epoch: mean entropies of its steps, then sparsity, σ and events at its end.</summary>
internal sealed class EpochDynamics
{
    private double _activationEntropy, _targetEntropy;
    private int _steps;

    /// <summary>Takes the entropies of the step <paramref name="dynamics"/> has just made.</summary>
    public void Add(SurgeCollapseTrainer dynamics)
    {
        _activationEntropy += dynamics.ActivationEntropy;
        _targetEntropy += dynamics.TargetEntropy.Normalized;
        _steps++;
    }

    /// <summary>The epoch's summary on one line's worth of text; then forgets the epoch's steps and events.</summary>
    public string Finish(SurgeCollapseTrainer dynamics)
    {
        int collapses = 0, surges = 0, pumps = 0;
        foreach (DynamicsEvent dynamicsEvent in dynamics.Events)
        {
            collapses += dynamicsEvent.Action == DynamicsAction.Collapse ? 1 : 0;
            surges += dynamicsEvent.Action == DynamicsAction.Surge ? 1 : 0;
            pumps += dynamicsEvent.Action == DynamicsAction.Pump ? 1 : 0;
        }

        dynamics.ClearEvents();
        double activation = _activationEntropy / _steps, target = _targetEntropy / _steps;
        (_activationEntropy, _targetEntropy, _steps) = (0, 0, 0);
        // A linear model has no hidden layer to measure: its h is NaN.
        string h = double.IsNaN(activation) ? "n/a" : activation.ToString("F3", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"h {h}  target h {target:F3}  sparsity {100 * dynamics.Sparsity():F1} %  σ {dynamics.InputSigma:F3}  " +
            $"collapses {collapses}  surges {surges}  pumps {pumps}");
    }
}
