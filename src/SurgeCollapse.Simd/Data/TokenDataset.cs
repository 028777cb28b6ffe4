namespace SurgeCollapse.Simd.Data;

/// <summary>
/// Next-token samples over a token sequence (SPEC §2, <c>markov</c> and <c>text</c>): sample i has the
/// <see cref="ContextLength"/> tokens <c>t[i .. i + k)</c> as its context and the token <c>t[i + k]</c> as its target
/// class. The model's input row is the one-hot encoding of the context: k blocks of <see cref="VocabularySize"/>
/// floats, oldest token first, each block all zeros but a 1 at the token's id.
/// </summary>
/// <remarks>
/// Only the token ids are stored and the one-hot rows are written on demand (<see cref="EncodeInputs"/>), because
/// the rows would take k·V floats per sample where the ids take one int: 8 bytes of context over a vocabulary of 256
/// are 2,048 floats, 8 KiB per sample, 800 MiB for 100,000 samples. Neighbouring samples share their tokens (the
/// target of sample i is in the context of samples i + 1 … i + k), so the sequence holds <see cref="Count"/> + k ids.
/// Read-only, like <see cref="Dataset"/>.
/// </remarks>
public sealed class TokenDataset
{
    private readonly ReadOnlyMemory<int> _tokens;

    /// <summary>Creates a dataset from a copy of <paramref name="tokens"/>.</summary>
    /// <param name="tokens">The sequence, at least <paramref name="contextLength"/> ids, each in [0, <paramref name="vocabularySize"/>).</param>
    /// <param name="contextLength">k, the tokens each prediction sees, at least 1.</param>
    /// <param name="vocabularySize">V, the number of distinct token ids, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1, or an id is outside [0, V).</exception>
    /// <exception cref="ArgumentException">The sequence is shorter than the context.</exception>
    public TokenDataset(ReadOnlySpan<int> tokens, int contextLength, int vocabularySize)
        : this(tokens.ToArray().AsMemory(), contextLength, vocabularySize)
    {
        for (int i = 0; i < tokens.Length; i++)
        {
            if ((uint)tokens[i] >= (uint)vocabularySize)
                throw new ArgumentOutOfRangeException(nameof(tokens), tokens[i], $"token {i}: ids must be in [0, {vocabularySize})");
        }
    }

    /// <summary>Wraps memory without copying or checking the ids: for sources that produce valid ids and never change them.</summary>
    internal TokenDataset(ReadOnlyMemory<int> tokens, int contextLength, int vocabularySize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(contextLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(vocabularySize);
        if (tokens.Length < contextLength)
            throw new ArgumentException($"a context of {contextLength} tokens needs at least {contextLength} tokens, got {tokens.Length}", nameof(tokens));
        if ((long)contextLength * vocabularySize > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(vocabularySize), vocabularySize, $"an input row of {contextLength}·{vocabularySize} floats does not fit in an array");

        _tokens = tokens;
        ContextLength = contextLength;
        VocabularySize = vocabularySize;
    }

    /// <summary>The number of samples: the sequence length minus the context length.</summary>
    public int Count => _tokens.Length - ContextLength;

    /// <summary>k, the tokens of context of each sample.</summary>
    public int ContextLength { get; }

    /// <summary>V, the number of token ids: the number of classes the model predicts.</summary>
    public int VocabularySize { get; }

    /// <summary>Floats per one-hot input row: <see cref="ContextLength"/> · <see cref="VocabularySize"/>.</summary>
    public int InputSize => ContextLength * VocabularySize;

    /// <summary>The whole sequence: <see cref="Count"/> + <see cref="ContextLength"/> ids.</summary>
    public ReadOnlySpan<int> Tokens => _tokens.Span;

    /// <summary>The target of every sample in order: the sequence without its first <see cref="ContextLength"/> ids.</summary>
    public ReadOnlySpan<int> Targets => _tokens.Span[ContextLength..];

    /// <summary>The context of sample <paramref name="index"/>, oldest token first.</summary>
    public ReadOnlySpan<int> Context(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        return _tokens.Span.Slice(index, ContextLength);
    }

    /// <summary>The target class of sample <paramref name="index"/>.</summary>
    public int Target(int index) => Targets[index];

    /// <summary>
    /// Writes the one-hot input rows of samples <c>[start, start + count)</c> into <paramref name="destination"/>,
    /// <c>[count, InputSize]</c> row-major. Every float of those rows is written (zeros included).
    /// </summary>
    /// <param name="start">The first sample.</param>
    /// <param name="count">How many samples.</param>
    /// <param name="destination">Room for <c>count · InputSize</c> floats.</param>
    public void EncodeInputs(int start, int count, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count - start, nameof(count));
        int length = count * InputSize;
        if (destination.Length < length)
            throw new ArgumentException($"room for {count}×{InputSize} floats is needed, got {destination.Length}", nameof(destination));

        destination[..length].Clear();
        for (int row = 0; row < count; row++)
            SetOnes(start + row, destination.Slice(row * InputSize, InputSize));
    }

    /// <summary>Sets the k ones of sample <paramref name="index"/>'s input row in an already cleared <paramref name="row"/>; unchecked, for the batch path.</summary>
    internal void SetOnes(int index, Span<float> row)
    {
        ReadOnlySpan<int> context = _tokens.Span.Slice(index, ContextLength);
        for (int position = 0; position < context.Length; position++)
            row[position * VocabularySize + context[position]] = 1;
    }

    /// <summary>The samples <c>[start, start + count)</c> as a dataset sharing this one's memory (no copy).</summary>
    public TokenDataset Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count - start, nameof(count));
        return new TokenDataset(_tokens.Slice(start, count + ContextLength), ContextLength, VocabularySize);
    }

    /// <summary>
    /// Splits into a training part (the first samples) and a validation part (the last
    /// round(<see cref="Count"/> · <paramref name="validationFraction"/>) samples), keeping the order, as
    /// <see cref="Dataset.Split"/> does and for the same reason: neighbouring samples overlap, so a random split would
    /// let training see the validation targets. No validation target is a training target; the first validation
    /// contexts end with the last training targets, as the first <c>ar</c> validation input is the last training target.
    /// </summary>
    /// <param name="validationFraction">The share of samples held out, in [0, 1); 0.1 by default.</param>
    public (TokenDataset Training, TokenDataset Validation) Split(double validationFraction = 0.1)
    {
        if (!(validationFraction is >= 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "the validation fraction must be in [0, 1)");
        int validationCount = Dataset.ValidationCount(Count, validationFraction);
        int trainingCount = Count - validationCount;
        return (Slice(0, trainingCount), Slice(trainingCount, validationCount));
    }
}
