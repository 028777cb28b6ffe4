using SurgeCollapse.Simd.Kernels;
using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Optimizers;
using SurgeCollapse.Simd.Sparsity;

namespace SurgeCollapse.Simd.Dynamics;

/// <summary>The actions themselves: collapse, surge and pump, each recorded as an event.</summary>
public sealed partial class SurgeCollapseTrainer
{
    private void Act(DynamicsAction action)
    {
        if (action == DynamicsAction.None)
            return;
        DynamicsRule? adaptiveRule = Controller?.LastRule;
        double entropy = Controller?.AverageEntropy ?? ActivationEntropy;
        if ((action & DynamicsAction.Collapse) != 0)
        {
            double before = Sparsity();
            Record(adaptiveRule ?? DynamicsRule.ScheduledCollapse, DynamicsAction.Collapse, entropy, before, CollapseNow());
        }

        if ((action & DynamicsAction.Surge) != 0)
        {
            double before = Sparsity();
            Record(adaptiveRule ?? DynamicsRule.ScheduledSurge, DynamicsAction.Surge, entropy, before, SurgeNow());
        }

        if ((action & DynamicsAction.Pump) != 0)
            Record(DynamicsRule.LowEntropy, DynamicsAction.Pump, entropy, Sparsity(), 0);
    }

    private void Record(DynamicsRule rule, DynamicsAction action, double entropy, double sparsityBefore, int changed) =>
        _events.Add(new DynamicsEvent(StepCount, rule, action, entropy, sparsityBefore, Sparsity(), Controller?.InputSigma ?? BaseSigma, changed));

    /// <summary>Prunes by the collapse options; the masked policies clear the optimizer state of what was pruned.</summary>
    private int CollapseNow()
    {
        SparsityMasks masks = _masks!;
        int zerosBefore = CountMaskedZeros();
        if (!Options.UsesMasks)
            masks.Reset(); // the notebook keeps no mask: only this collapse's threshold decides
        _collapse!.Apply();
        if (Options.UsesMasks)
        {
            Optimizer optimizer = _trainer.Optimizer;
            for (int i = 0; i < masks.Parameters.Count; i++)
            {
                if (masks.IsMasked(i))
                    optimizer.MaskState(i, masks.Keep(i));
            }
        }

        return CountMaskedZeros() - zerosBefore;
    }

    /// <summary>Re-expands by the surge options; the masked policies reset the optimizer state of what was re-expanded.</summary>
    private int SurgeNow()
    {
        SparsityMasks masks = _masks!;
        IReadOnlyList<Parameter> parameters = masks.Parameters;
        int changed = 0;
        for (int i = 0; i < parameters.Count; i++)
        {
            if (!masks.IsMasked(i))
                continue;
            if (!Options.UsesMasks)
                masks.MarkZerosPruned(i); // the notebook re-seeds every exact zero
            Parameter parameter = parameters[i];
            ReadOnlySpan<float> normals = _noise.DrawSurge(parameter.Length, 1f);
            changed += _surge!.Apply(parameter.Value, masks.Keep(i), parameter.Gradient, normals, ref _random);
            if (Options.UsesMasks)
                _trainer.Optimizer.MaskState(i, _surge!.StateKeep);
        }

        return changed;
    }

    private int CountMaskedZeros()
    {
        int zeros = 0;
        for (int i = 0; i < _masks!.Parameters.Count; i++)
        {
            if (_masks.IsMasked(i))
                zeros += Reductions.CountZeros(_masks.Parameters[i].Value);
        }

        return zeros;
    }
}
