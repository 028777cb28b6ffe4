namespace SurgeCollapse.Simd.Data;

/// <summary>Options of the text token data (SPEC §2, <c>text FILE</c>): a UTF-8 file, its tokenization and the context length.</summary>
/// <remarks>Text data involve no randomness, so there is no seed here: the order of training batches comes from the batch sampler's seed.</remarks>
public sealed record TextDataOptions
{
    /// <summary>Largest accepted <see cref="ContextLength"/>.</summary>
    public const int MaxContextLength = 1024;

    /// <summary>The UTF-8 text file to read. Required.</summary>
    public string Path { get; init; } = "";

    /// <summary>Bytes (vocabulary 256) or the file's distinct characters. Default <see cref="TextTokenization.Bytes"/>.</summary>
    /// <remarks>
    /// Bytes by default because the vocabulary, and so the model's input and output sizes, is then known before the file
    /// is read and is the same for every file, which keeps runs on different texts comparable; characters give a smaller
    /// vocabulary on mostly-ASCII text (a few dozen symbols) and the model's predictions are whole characters.
    /// </remarks>
    public TextTokenization Tokenization { get; init; } = TextTokenization.Bytes;

    /// <summary>k, the tokens of context of each prediction, in [1, <see cref="MaxContextLength"/>]. Default 8.</summary>
    /// <remarks>An input row holds k·V floats: 2,048 for the default 8 bytes over 256 byte values.</remarks>
    public int ContextLength { get; init; } = 8;

    /// <summary>
    /// The most samples taken: the first MaxSamples + k tokens of the file are used, the rest ignored. At least 1.
    /// Default 100,000.
    /// </summary>
    /// <remarks>
    /// The tokens are stored as ids and one-hot encoded batch by batch (<see cref="TokenDataset"/>), so memory is 4
    /// bytes per token, not k·V floats per sample. The cap bounds the run instead: at the default batch of 64, 100,000
    /// samples are about 1,400 steps per epoch, ten times the default <c>ar</c> data, and a 10-epoch run on a large
    /// file stays minutes, not hours. Raise it to train on more of a large file.
    /// </remarks>
    public int MaxSamples { get; init; } = 100_000;

    /// <summary>Share of the samples, taken from the end of the text used, held out for validation, in [0, 1). Default 0.1.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Throws <see cref="OptionOutOfRangeException"/> naming the first option outside its range, its value and the range.</summary>
    public void Validate()
    {
        OptionCheck.Range(!string.IsNullOrWhiteSpace(Path), nameof(TextDataOptions), nameof(Path), Path, "a file path (not empty)");
        OptionCheck.Range(Enum.IsDefined(Tokenization), nameof(TextDataOptions), nameof(Tokenization), Tokenization, "Bytes or Characters");
        OptionCheck.Range(ContextLength is >= 1 and <= MaxContextLength, nameof(TextDataOptions), nameof(ContextLength), ContextLength,
            $"[1, {MaxContextLength}]");
        int maxSamples = Array.MaxLength - ContextLength;
        OptionCheck.Range(MaxSamples >= 1 && MaxSamples <= maxSamples, nameof(TextDataOptions), nameof(MaxSamples), MaxSamples, $"[1, {maxSamples}]");
        OptionCheck.Range(ValidationFraction is >= 0 and < 1, nameof(TextDataOptions), nameof(ValidationFraction), ValidationFraction, "[0, 1)");
    }
}
