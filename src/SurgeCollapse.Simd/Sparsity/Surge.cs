using SurgeCollapse.Simd.Noise;

namespace SurgeCollapse.Simd.Sparsity;

/// <summary>
/// Surge (SPEC §4): chosen pruned positions get <c>w = r·z</c>, z ~ N(0, 1), and are marked active again; the
/// positions re-expanded by the last call are reported in <see cref="StateKeep"/> (0 there, 1 elsewhere) so the
/// caller can reset their optimizer state. Scratch buffers are allocated once, for the largest tensor.
/// </summary>
public sealed class Surge
{
    private readonly int[] _pruned;
    private readonly float[] _magnitudes;
    private readonly float[] _stateKeep;
    private int _length;

    /// <summary>Prepares surges of tensors of at most <paramref name="maxLength"/> elements.</summary>
    public Surge(int maxLength, SurgeOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _pruned = new int[maxLength];
        _magnitudes = new float[maxLength];
        _stateKeep = new float[maxLength];
    }

    /// <summary>The options.</summary>
    public SurgeOptions Options { get; }

    /// <summary>After <see cref="Apply"/>: 0 at each position it re-expanded, 1 elsewhere (the mask for <c>Optimizer.MaskState</c>).</summary>
    public ReadOnlySpan<float> StateKeep => _stateKeep.AsSpan(0, _length);

    /// <summary>
    /// Re-expands pruned positions (<c>keep = 0</c>) of one tensor and returns how many. <paramref name="normals"/>
    /// holds one standard normal per element (position i uses normals[i]); <paramref name="gradient"/> is read by the
    /// <see cref="SurgeStrategy.Gradient"/> strategy only and must be the whole gradient, pruned positions included.
    /// </summary>
    public int Apply(Span<float> weights, Span<float> keep, ReadOnlySpan<float> gradient, ReadOnlySpan<float> normals, ref Xoshiro256 random)
    {
        int length = weights.Length;
        if (keep.Length != length || normals.Length < length || (Options.Strategy == SurgeStrategy.Gradient && gradient.Length != length))
            throw new ArgumentException($"weights hold {length} values; keep {keep.Length}, gradient {gradient.Length} and normals {normals.Length} must match");
        if (length > _pruned.Length)
            throw new ArgumentException($"the tensor holds {length} values, more than the {_pruned.Length} this surge was prepared for", nameof(weights));

        _length = length;
        Span<int> pruned = _pruned.AsSpan(0, CollectPruned(keep));
        int count = Options.Strategy == SurgeStrategy.Noise ? pruned.Length : (int)Math.Round(Options.Fraction * pruned.Length);
        Span<int> chosen = Options.Strategy switch
        {
            SurgeStrategy.Random => ChooseRandom(pruned, count, ref random),
            SurgeStrategy.Gradient => ChooseLargestGradients(pruned, count, gradient),
            _ => pruned,
        };

        float recovery = (float)Options.RecoveryFactor;
        Span<float> stateKeep = _stateKeep.AsSpan(0, length);
        stateKeep.Fill(1f);
        foreach (int position in chosen)
        {
            weights[position] = recovery * normals[position];
            keep[position] = 1f;
            stateKeep[position] = 0f;
        }

        return chosen.Length;
    }

    private int CollectPruned(ReadOnlySpan<float> keep)
    {
        int count = 0;
        for (int i = 0; i < keep.Length; i++)
        {
            if (keep[i] == 0f)
                _pruned[count++] = i;
        }

        return count;
    }

    /// <summary>A uniformly random subset of <paramref name="count"/> positions: the first steps of a Fisher–Yates shuffle.</summary>
    private static Span<int> ChooseRandom(Span<int> pruned, int count, ref Xoshiro256 random)
    {
        for (int i = 0; i < count; i++)
        {
            int j = i + random.NextInt32(pruned.Length - i);
            (pruned[i], pruned[j]) = (pruned[j], pruned[i]);
        }

        return pruned[..count];
    }

    /// <summary>
    /// The <paramref name="count"/> positions with the largest |gradient|; among equal magnitudes at the boundary the
    /// lowest positions win, so the choice is deterministic.
    /// </summary>
    private Span<int> ChooseLargestGradients(Span<int> pruned, int count, ReadOnlySpan<float> gradient)
    {
        if (count == 0 || count == pruned.Length)
            return pruned[..count];
        Span<float> magnitudes = _magnitudes.AsSpan(0, pruned.Length);
        for (int i = 0; i < pruned.Length; i++)
            magnitudes[i] = MathF.Abs(gradient[pruned[i]]);
        // The boundary: the count-th largest magnitude, i.e. rank (n − count) in ascending order.
        float boundary = Selection.Select(magnitudes, pruned.Length - count);
        int above = 0;
        foreach (int position in pruned)
        {
            if (MathF.Abs(gradient[position]) > boundary)
                above++;
        }

        int ties = count - above, chosen = 0;
        for (int i = 0; i < pruned.Length; i++)
        {
            float magnitude = MathF.Abs(gradient[pruned[i]]);
            if (magnitude > boundary || (magnitude == boundary && ties-- > 0))
                pruned[chosen++] = pruned[i]; // chosen ≤ i, so this compacts in place in position order
        }

        return pruned[..chosen];
    }
}
