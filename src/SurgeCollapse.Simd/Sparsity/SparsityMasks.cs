using System.Numerics.Tensors;
using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Optimizers;

namespace SurgeCollapse.Simd.Sparsity;

/// <summary>
/// A persistent mask per prunable tensor (SPEC §3): 1 where the weight is active, 0 where it is pruned. A pruned
/// weight stays exactly zero because its gradient is masked in every optimizer step and its optimizer state
/// is cleared when it is pruned (so Adam's and SGD's updates of it are exactly zero).
/// </summary>
public sealed class SparsityMasks
{
    private readonly float[]?[] _keep;

    /// <summary>
    /// Per mask, whether every entry is 1 — so masking its gradient would change nothing — or null when unknown since
    /// the mask was last handed out by <see cref="Keep"/>. Masks change only at collapse and surge, so the check is rare.
    /// </summary>
    private readonly bool?[] _allKept;

    /// <summary>Each mask as the optimizer reads it, and what <see cref="GradientMasks"/> hands out: those not all ones.</summary>
    private readonly GradientMask?[] _gradientMasks;
    private readonly GradientMask?[] _handedOut;

    /// <summary>Creates all-ones masks for every weight matrix, and for every bias too if <paramref name="includeBiases"/>.</summary>
    public SparsityMasks(IReadOnlyList<Parameter> parameters, bool includeBiases)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        _keep = new float[]?[parameters.Count];
        _allKept = new bool?[parameters.Count];
        _gradientMasks = new GradientMask?[parameters.Count];
        _handedOut = new GradientMask?[parameters.Count];
        for (int i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].IsWeight || includeBiases)
                _keep[i] = new float[parameters[i].Length];
            _gradientMasks[i] = _keep[i] is null ? null : new GradientMask(parameters[i].Length);
        }

        Reset();
    }

    /// <summary>The parameters, in the order of their masks.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>True when parameter <paramref name="index"/> has a mask.</summary>
    public bool IsMasked(int index) => _keep[index] is not null;

    /// <summary>
    /// The mask of parameter <paramref name="index"/> (1 active, 0 pruned); empty when it has none. Write through the span
    /// before the next <see cref="GradientMasks"/>: handing it out is what tells that call to look at the mask again.
    /// </summary>
    public Span<float> Keep(int index)
    {
        _allKept[index] = null;
        return _keep[index];
    }

    /// <summary>Marks every weight active again.</summary>
    public void Reset()
    {
        for (int i = 0; i < _keep.Length; i++)
        {
            _keep[i]?.AsSpan().Fill(1f);
            _allKept[i] = true;
            _handedOut[i] = null;
        }
    }

    /// <summary>Marks pruned exactly the values of parameter <paramref name="index"/> that are zero, and the rest active
    /// (the notebook's surge re-seeds every exact zero, whatever pruned it).</summary>
    public void MarkZerosPruned(int index)
    {
        Span<float> keep = Keep(index);
        ReadOnlySpan<float> values = Parameters[index].Value;
        for (int i = 0; i < keep.Length; i++)
            keep[i] = values[i] == 0f ? 0f : 1f;
    }

    /// <summary>
    /// The masks as an optimizer step reads them (<see cref="Optimizer.Step(ReadOnlySpan{GradientMask})"/>), so that it
    /// leaves every pruned weight at zero: one entry per parameter, null where a parameter has no mask or its mask is all
    /// ones — nothing to mask, and between a surge and the next collapse nothing is pruned. Only the masks handed out by
    /// <see cref="Keep"/> since the last call are read again. Valid until the next call or <see cref="Reset"/>.
    /// </summary>
    public ReadOnlySpan<GradientMask?> GradientMasks()
    {
        for (int i = 0; i < _keep.Length; i++)
        {
            if (_keep[i] is not { } keep || _allKept[i] is not null)
                continue;
            _allKept[i] = keep.Length == 0 || (TensorPrimitives.Min(keep) == 1f && TensorPrimitives.Max(keep) == 1f);
            if (_allKept[i] == false)
                _gradientMasks[i]!.CopyFrom(keep);
            _handedOut[i] = _allKept[i] == true ? null : _gradientMasks[i];
        }

        return _handedOut;
    }

    /// <summary>The fraction of pruned weights of parameter <paramref name="index"/> (0 when it has no mask).</summary>
    public double SparsityOf(int index) =>
        _keep[index] is { } keep ? 1.0 - TensorPrimitives.Sum(keep) / keep.Length : 0.0;
}
