using System.Numerics.Tensors;
using SurgeCollapse.Simd.Model;

namespace SurgeCollapse.Simd.Sparsity;

/// <summary>
/// A persistent mask per prunable tensor (SPEC §3): 1 where the weight is active, 0 where it is pruned. A pruned
/// weight stays exactly zero because its gradient is masked before every optimizer step and its optimizer state
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

    /// <summary>Creates all-ones masks for every weight matrix, and for every bias too if <paramref name="includeBiases"/>.</summary>
    public SparsityMasks(IReadOnlyList<Parameter> parameters, bool includeBiases)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        _keep = new float[]?[parameters.Count];
        _allKept = new bool?[parameters.Count];
        for (int i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].IsWeight || includeBiases)
                _keep[i] = new float[parameters[i].Length];
        }

        Reset();
    }

    /// <summary>The parameters, in the order of their masks.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>True when parameter <paramref name="index"/> has a mask.</summary>
    public bool IsMasked(int index) => _keep[index] is not null;

    /// <summary>
    /// The mask of parameter <paramref name="index"/> (1 active, 0 pruned); empty when it has none. Write through the span
    /// before the next <see cref="MaskGradients"/>: handing it out is what tells that call to look at the mask again.
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
    /// Zeroes the gradient of every pruned weight, so the optimizer leaves it at zero. A mask of all ones is skipped:
    /// multiplying by 1 changes no bit, and between a surge and the next collapse nothing is pruned.
    /// </summary>
    public void MaskGradients()
    {
        for (int i = 0; i < _keep.Length; i++)
        {
            if (_keep[i] is not { } keep)
                continue;
            _allKept[i] ??= keep.Length == 0 || (TensorPrimitives.Min(keep) == 1f && TensorPrimitives.Max(keep) == 1f);
            if (_allKept[i] == false)
                TensorPrimitives.Multiply(Parameters[i].Gradient, keep, Parameters[i].Gradient);
        }
    }

    /// <summary>The fraction of pruned weights of parameter <paramref name="index"/> (0 when it has no mask).</summary>
    public double SparsityOf(int index) =>
        _keep[index] is { } keep ? 1.0 - TensorPrimitives.Sum(keep) / keep.Length : 0.0;
}
