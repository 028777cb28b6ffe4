using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace SurgeCollapse.Simd.Data;

/// <summary>
/// Token data from a UTF-8 text file (SPEC §2, <c>text FILE</c>): the file cut into bytes or characters, and every
/// position that has <see cref="TextDataOptions.ContextLength"/> tokens before it is a sample (context one-hot encoded,
/// next token the target, see <see cref="TokenDataset"/>), up to <see cref="TextDataOptions.MaxSamples"/>.
/// </summary>
/// <remarks>
/// The whole file must be valid UTF-8 in both tokenizations, so that a binary or Latin-1 file given by mistake is
/// refused instead of trained on; a leading byte-order mark (EF BB BF) is a marker, not text, and is skipped. Files
/// are read whole, so they are limited to 2 GiB. Every problem with the file is a <see cref="UserInputException"/>
/// whose one-line message names the file.
/// </remarks>
public sealed class TextDataSource
{
    /// <summary>The vocabulary of <see cref="TextTokenization.Bytes"/>: every byte value.</summary>
    public const int ByteVocabularySize = 256;

    /// <summary>Past the largest Unicode scalar value, U+10FFFF.</summary>
    private const int ScalarValueLimit = 0x110000;

    private readonly Rune[] _characters;

    /// <summary>Reads and tokenizes the file named by <paramref name="options"/> (validated first).</summary>
    /// <exception cref="OptionOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="UserInputException">The file is missing, unreadable, empty, shorter than a context and its next token, or not UTF-8.</exception>
    public TextDataSource(TextDataOptions options)
        : this(options, File.ReadAllBytes)
    {
    }

    /// <summary>As the public constructor, reading the file with <paramref name="readAllBytes"/> (tests inject read failures that root can't provoke).</summary>
    internal TextDataSource(TextDataOptions options, Func<string, byte[]> readAllBytes)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        byte[] file = Read(options.Path, readAllBytes);
        int start = file.AsSpan().StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        ReadOnlySpan<byte> text = file.AsSpan(start);
        if (text.IsEmpty)
            throw Problem(options.Path, "is empty");

        int limit = options.MaxSamples + options.ContextLength;
        int[] tokens;
        if (options.Tokenization == TextTokenization.Bytes)
        {
            ThrowIfNotUtf8(options.Path, text, start);
            FileTokens = text.Length;
            tokens = new int[Math.Min(text.Length, limit)];
            for (int i = 0; i < tokens.Length; i++)
                tokens[i] = text[i];
            _characters = [];
            VocabularySize = ByteVocabularySize;
        }
        else
        {
            (tokens, _characters, FileTokens) = DecodeCharacters(options.Path, text, start, limit);
            VocabularySize = _characters.Length;
        }

        if (FileTokens <= options.ContextLength)
        {
            throw Problem(options.Path, string.Create(CultureInfo.InvariantCulture,
                $"has {FileTokens} {TokenName(options.Tokenization)}; a context of {options.ContextLength} and the token to predict need at least {options.ContextLength + 1}"));
        }

        Samples = new TokenDataset(tokens.AsMemory(), options.ContextLength, VocabularySize);
        if (Dataset.ValidationCount(Samples.Count, options.ValidationFraction) == Samples.Count)
        {
            throw Problem(options.Path, string.Create(CultureInfo.InvariantCulture,
                $"its {Samples.Count} samples leave none for training once {options.ValidationFraction} are held out for validation"));
        }

        (Training, Validation) = Samples.Split(options.ValidationFraction);
    }

    /// <summary>The options the data were read with.</summary>
    public TextDataOptions Options { get; }

    /// <summary>V: 256 for bytes, the number of distinct characters of the file for characters.</summary>
    public int VocabularySize { get; }

    /// <summary>For <see cref="TextTokenization.Characters"/>, the character of each token id (ascending code points); empty for bytes.</summary>
    public ReadOnlySpan<Rune> Characters => _characters;

    /// <summary>Tokens in the whole file (byte-order mark excluded); only the first MaxSamples + k are used.</summary>
    public int FileTokens { get; }

    /// <summary>All samples in file order.</summary>
    public TokenDataset Samples { get; }

    /// <summary>The first samples of the text, for training.</summary>
    public TokenDataset Training { get; }

    /// <summary>The last <see cref="TextDataOptions.ValidationFraction"/> of the samples, for validation (order kept: see <see cref="TokenDataset.Split"/>).</summary>
    public TokenDataset Validation { get; }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>The file's bytes, with every failure turned into a one-line <see cref="UserInputException"/> naming the file.</summary>
    internal static byte[] Read(string path, Func<string, byte[]> readAllBytes)
    {
        if (Directory.Exists(path))
            throw Problem(path, "is a directory, not a file");
        try
        {
            return readAllBytes(path);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Problem(path, "not found", error);
        }
        catch (UnauthorizedAccessException error)
        {
            throw Problem(path, "cannot be read: permission denied", error);
        }
        catch (IOException error)
        {
            throw Problem(path, $"cannot be read: {OneLine(error.Message)}", error);
        }
        catch (Exception error) when (error is ArgumentException or NotSupportedException)
        {
            throw Problem(path, "is not a valid file path", error);
        }
    }

    /// <summary>
    /// Decodes the whole text into scalar values, noting which occur, and keeps the first <paramref name="limit"/> as
    /// tokens; then numbers the distinct characters in ascending code-point order and maps the tokens to those ids.
    /// </summary>
    private static (int[] Tokens, Rune[] Characters, int Count) DecodeCharacters(string path, ReadOnlySpan<byte> text, int offsetInFile, int limit)
    {
        var present = new bool[ScalarValueLimit];
        var tokens = new int[Math.Min(text.Length, limit)]; // never more characters than bytes
        int count = 0, largest = 0;
        for (int offset = 0; offset < text.Length;)
        {
            OperationStatus status = Rune.DecodeFromUtf8(text[offset..], out Rune rune, out int consumed);
            if (status != OperationStatus.Done)
                throw NotUtf8(path, text.Slice(offset, consumed), offsetInFile + offset, status);
            present[rune.Value] = true;
            largest = Math.Max(largest, rune.Value);
            if (count < tokens.Length)
                tokens[count] = rune.Value;
            count++;
            offset += consumed;
        }

        var ids = new int[largest + 1];
        var characters = new List<Rune>();
        for (int value = 0; value <= largest; value++)
        {
            if (present[value])
            {
                ids[value] = characters.Count;
                characters.Add(new Rune(value));
            }
        }

        int used = Math.Min(count, tokens.Length);
        Array.Resize(ref tokens, used);
        for (int i = 0; i < used; i++)
            tokens[i] = ids[tokens[i]];
        return (tokens, [.. characters], count);
    }

    private static void ThrowIfNotUtf8(string path, ReadOnlySpan<byte> text, int offsetInFile)
    {
        if (Utf8.IsValid(text))
            return;
        // Only an invalid file pays for the scalar walk that finds where it goes wrong.
        for (int offset = 0; ; )
        {
            OperationStatus status = Rune.DecodeFromUtf8(text[offset..], out _, out int consumed);
            if (status != OperationStatus.Done)
                throw NotUtf8(path, text.Slice(offset, consumed), offsetInFile + offset, status);
            offset += consumed;
        }
    }

    private static UserInputException NotUtf8(string path, ReadOnlySpan<byte> sequence, int offset, OperationStatus status)
    {
        string bytes = string.Join(' ', sequence.ToArray().Select(value => string.Create(CultureInfo.InvariantCulture, $"0x{value:X2}")));
        string what = status == OperationStatus.NeedMoreData ? "a sequence cut off by the end of the file" : "an invalid sequence";
        return Problem(path, string.Create(CultureInfo.InvariantCulture, $"is not valid UTF-8: {what} ({bytes}) at byte offset {offset}"));
    }

    private static string TokenName(TextTokenization tokenization) => tokenization == TextTokenization.Bytes ? "bytes" : "characters";

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    private static UserInputException Problem(string path, string problem, Exception? cause = null)
    {
        string message = $"text file '{path}': {problem}";
        return cause is null ? new UserInputException(message) : new UserInputException(message, cause);
    }
}
