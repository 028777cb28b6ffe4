using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using SurgeCollapse.Simd.Kernels;
using SurgeCollapse.Simd.Model;

namespace SurgeCollapse.Simd.Sparsity;

/// <summary>
/// Collapse (SPEC §3): for each masked tensor (or all of them together, <see cref="CollapseScope.Global"/>), the
/// threshold τ is the <see cref="CollapseOptions.Sparsity"/>-quantile of |w|, and every weight with |w| &lt; τ
/// (strictly) is set to zero and marked pruned. The quantile is found by selection on a scratch buffer allocated
/// once, here, so a collapse allocates nothing — or, for a tensor collapsed before, whose zeros hold the quantile's
/// rank, from their count and the smallest survivor (<see cref="Quantile.OfMagnitudes"/>).
/// </summary>
public sealed class Collapse
{
    private readonly float[] _scratch;
    private readonly float[] _thresholds;

    /// <summary>Prepares a collapse of <paramref name="masks"/>' tensors.</summary>
    public Collapse(SparsityMasks masks, CollapseOptions options)
    {
        ArgumentNullException.ThrowIfNull(masks);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Masks = masks;
        Options = options;
        int total = 0, largest = 0;
        for (int i = 0; i < masks.Parameters.Count; i++)
        {
            if (masks.IsMasked(i))
            {
                total += masks.Parameters[i].Length;
                largest = Math.Max(largest, masks.Parameters[i].Length);
            }
        }

        _scratch = new float[options.Scope == CollapseScope.Global ? total : largest];
        _thresholds = new float[masks.Parameters.Count];
    }

    /// <summary>The masks this collapse prunes into.</summary>
    public SparsityMasks Masks { get; }

    /// <summary>The options.</summary>
    public CollapseOptions Options { get; }

    /// <summary>The threshold τ each tensor was last collapsed with (NaN for tensors without a mask).</summary>
    public ReadOnlySpan<float> Thresholds => _thresholds;

    /// <summary>Prunes every masked tensor; the caller masks the optimizer state if the policy wants it.</summary>
    public void Apply()
    {
        float sparsity = (float)Options.Sparsity;
        IReadOnlyList<Parameter> parameters = Masks.Parameters;
        float global = Options.Scope == CollapseScope.Global ? GlobalThreshold(sparsity) : float.NaN;
        for (int i = 0; i < parameters.Count; i++)
        {
            _thresholds[i] = float.NaN;
            if (!Masks.IsMasked(i))
                continue;
            float[] weights = parameters[i].Value;
            float threshold = global;
            if (Options.Scope == CollapseScope.PerTensor)
            {
                Span<float> magnitudes = _scratch.AsSpan(0, weights.Length);
                TensorPrimitives.Abs(weights, magnitudes);
                threshold = Quantile.OfMagnitudes(magnitudes, sparsity);
            }

            _thresholds[i] = threshold;
            Prune(weights, Masks.Keep(i), threshold);
        }
    }

    private float GlobalThreshold(float sparsity)
    {
        int offset = 0;
        for (int i = 0; i < Masks.Parameters.Count; i++)
        {
            if (!Masks.IsMasked(i))
                continue;
            float[] weights = Masks.Parameters[i].Value;
            TensorPrimitives.Abs(weights, _scratch.AsSpan(offset, weights.Length));
            offset += weights.Length;
        }

        return Quantile.OfMagnitudes(_scratch.AsSpan(0, offset), sparsity);
    }

    /// <summary>Sets <c>w = 0</c> and <c>keep = 0</c> wherever |w| &lt; τ; elsewhere both stay as they are.</summary>
    public static void Prune(Span<float> weights, Span<float> keep, float threshold) =>
        Prune(weights, keep, threshold, SimdCapabilities.Widest);

    internal static unsafe void Prune(Span<float> weights, Span<float> keep, float threshold, SimdWidth width)
    {
        if (weights.Length != keep.Length)
            throw new ArgumentException($"weights hold {weights.Length} values, the mask {keep.Length}", nameof(keep));
        int length = weights.Length, i = 0;
        fixed (float* w = weights, k = keep)
        {
            // |w| ≥ τ as an all-ones lane keeps both values; its complement clears them (+0, whatever the sign was).
            if (width == SimdWidth.Vector512)
            {
                Vector512<float> tau = Vector512.Create(threshold);
                for (; i + Vector512<float>.Count <= length; i += Vector512<float>.Count)
                {
                    Vector512<float> stays = Vector512.GreaterThanOrEqual(Vector512.Abs(Vector512.Load(w + i)), tau);
                    Vector512.Store(Vector512.Load(w + i) & stays, w + i);
                    Vector512.Store(Vector512.Load(k + i) & stays, k + i);
                }
            }
            else if (width == SimdWidth.Vector256)
            {
                Vector256<float> tau = Vector256.Create(threshold);
                for (; i + Vector256<float>.Count <= length; i += Vector256<float>.Count)
                {
                    Vector256<float> stays = Vector256.GreaterThanOrEqual(Vector256.Abs(Vector256.Load(w + i)), tau);
                    Vector256.Store(Vector256.Load(w + i) & stays, w + i);
                    Vector256.Store(Vector256.Load(k + i) & stays, k + i);
                }
            }
            else if (width == SimdWidth.Vector128)
            {
                Vector128<float> tau = Vector128.Create(threshold);
                for (; i + Vector128<float>.Count <= length; i += Vector128<float>.Count)
                {
                    Vector128<float> stays = Vector128.GreaterThanOrEqual(Vector128.Abs(Vector128.Load(w + i)), tau);
                    Vector128.Store(Vector128.Load(w + i) & stays, w + i);
                    Vector128.Store(Vector128.Load(k + i) & stays, k + i);
                }
            }

            for (; i < length; i++)
            {
                if (!(MathF.Abs(w[i]) >= threshold))
                {
                    w[i] = 0f;
                    k[i] = 0f;
                }
            }
        }
    }
}
