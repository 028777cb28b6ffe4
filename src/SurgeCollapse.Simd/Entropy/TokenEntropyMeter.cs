namespace SurgeCollapse.Simd.Entropy;

/// <summary>
/// The Shannon entropy of a batch's token distribution (SPEC §5, token targets): the frequencies of the token ids in
/// the batch over a vocabulary of V ids, normalised by ln V. The count buffer is allocated here, once, and each
/// measurement costs O(batch), not O(V): only the counts of the tokens present are read and reset.
/// </summary>
public sealed class TokenEntropyMeter
{
    private readonly int[] _counts;

    /// <summary>Creates a meter for token ids in [0, <paramref name="vocabularySize"/>).</summary>
    /// <param name="vocabularySize">V, at least 1.</param>
    /// <param name="options">Only <see cref="EntropyOptions.Unit"/> and <see cref="EntropyOptions.MillerMadow"/> apply to tokens.</param>
    /// <exception cref="ArgumentOutOfRangeException">V is below 1, or an option is out of range.</exception>
    public TokenEntropyMeter(int vocabularySize, EntropyOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(vocabularySize);
        Options = options ?? new EntropyOptions();
        Options.Validate();
        _counts = new int[vocabularySize];
    }

    /// <summary>The unit and correction used.</summary>
    public EntropyOptions Options { get; }

    /// <summary>V, the number of distinct token ids.</summary>
    public int VocabularySize => _counts.Length;

    /// <summary>The entropy of the distribution of <paramref name="tokens"/>; B in the result is V.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A token id is outside [0, V).</exception>
    public EntropyEstimate Measure(ReadOnlySpan<int> tokens)
    {
        // Checked before counting, so a bad batch leaves the buffer clean.
        for (int i = 0; i < tokens.Length; i++)
        {
            if ((uint)tokens[i] >= (uint)_counts.Length)
                throw new ArgumentOutOfRangeException(nameof(tokens), tokens[i], $"token {i}: ids must be in [0, {_counts.Length})");
        }

        foreach (int token in tokens)
            _counts[token]++;

        // Each distinct token adds its term once: the first occurrence reads its count and resets it.
        double nats = 0;
        int distinct = 0;
        foreach (int token in tokens)
        {
            int count = _counts[token];
            if (count == 0)
                continue;
            _counts[token] = 0;
            distinct++;
            nats += EntropyEstimate.Term(count, tokens.Length);
        }

        return EntropyEstimate.Create(nats, Options.Unit, _counts.Length, tokens.Length, distinct, Options.MillerMadow);
    }
}
