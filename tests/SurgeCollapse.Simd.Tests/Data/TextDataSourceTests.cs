using System.Text;
using SurgeCollapse.Simd.Data;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Data;

/// <summary>Each test writes its files into its own temporary folder, removed afterwards.</summary>
public sealed class TextDataSourceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("text-data-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Defaults_are_documented()
    {
        var options = new TextDataOptions();
        Assert.Equal((TextTokenization.Bytes, 8, 100_000, 0.1), (options.Tokenization, options.ContextLength, options.MaxSamples, options.ValidationFraction));
    }

    /// <summary>"abcab" as bytes with k = 2: (a b → c), (b c → a), (c a → b); token ids are the byte values, V = 256.</summary>
    [Fact]
    public void A_tiny_file_gives_every_window_and_its_next_byte()
    {
        var source = Load("abcab", new TextDataOptions { ContextLength = 2, ValidationFraction = 0 });
        Assert.Equal((256, 5, 3, 512), (source.VocabularySize, source.FileTokens, source.Samples.Count, source.Samples.InputSize));
        Assert.Equal([97, 98, 99, 97, 98], source.Samples.Tokens.ToArray());
        Assert.Equal([99, 97, 98], source.Samples.Targets.ToArray());
        Assert.True(source.Characters.IsEmpty);

        var row = new float[512];
        source.Samples.EncodeInputs(1, 1, row); // context "b c"
        Assert.Equal([98, 256 + 99], Enumerable.Range(0, 512).Where(i => row[i] != 0).ToArray());
        Assert.All(row.Where(value => value != 0), value => Assert.Equal(1f, value));
    }

    /// <summary>
    /// "héllo wörld 😀" as characters: the vocabulary is the distinct runes in code-point order (' ' d h l o r w é ö 😀),
    /// and the emoji, two UTF-16 chars and four UTF-8 bytes, is one token. As bytes the same file has 18 tokens.
    /// </summary>
    [Fact]
    public void Characters_are_the_files_distinct_runes_in_code_point_order()
    {
        const string Text = "héllo wörld 😀";
        var source = Load(Text, new TextDataOptions { Tokenization = TextTokenization.Characters, ContextLength = 3, ValidationFraction = 0 });
        string[] vocabulary = [" ", "d", "h", "l", "o", "r", "w", "é", "ö", "😀"];
        Assert.Equal(vocabulary, source.Characters.ToArray().Select(rune => rune.ToString()).ToArray());
        Assert.Equal((10, 13, 10, 30), (source.VocabularySize, source.FileTokens, source.Samples.Count, source.Samples.InputSize));
        string decoded = string.Concat(source.Samples.Tokens.ToArray().Select(id => vocabulary[id]));
        Assert.Equal(Text, decoded);

        var bytes = Load(Text, new TextDataOptions { ContextLength = 3 });
        Assert.Equal(Encoding.UTF8.GetByteCount(Text), bytes.FileTokens);
        Assert.Equal(18, bytes.FileTokens);
    }

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        string path = Write("bom.txt", [0xEF, 0xBB, 0xBF, .. "xyz"u8]);
        var bytes = new TextDataSource(new TextDataOptions { Path = path, ContextLength = 1 });
        Assert.Equal([120, 121, 122], bytes.Samples.Tokens.ToArray());
        var characters = new TextDataSource(new TextDataOptions { Path = path, ContextLength = 1, Tokenization = TextTokenization.Characters });
        Assert.Equal("xyz", string.Concat(characters.Characters.ToArray()));
    }

    /// <summary>Only the first MaxSamples + k tokens are used; the vocabulary and FileTokens still describe the whole file.</summary>
    [Fact]
    public void Max_samples_keeps_the_start_of_the_file()
    {
        string text = string.Concat(Enumerable.Repeat("abcdefghij", 100)) + "Z";
        var source = Load(text, new TextDataOptions { Tokenization = TextTokenization.Characters, ContextLength = 4, MaxSamples = 50 });
        Assert.Equal((1001, 50, 11), (source.FileTokens, source.Samples.Count, source.VocabularySize));
        Assert.Equal((45, 5), (source.Training.Count, source.Validation.Count));
        Assert.Equal(text[..54], string.Concat(source.Samples.Tokens.ToArray().Select(id => source.Characters[id].ToString())));
    }

    [Fact]
    public void Samples_are_split_90_10_in_file_order()
    {
        var source = Load(new string('a', 505) + "b", new TextDataOptions { ContextLength = 6 }); // 500 samples
        Assert.Equal((450, 50), (source.Training.Count, source.Validation.Count));
        Assert.True(source.Validation.Targets.SequenceEqual(source.Samples.Targets[450..]));
        Assert.Equal((byte)'b', source.Validation.Targets[^1]);
    }

    [Fact]
    public void A_missing_file_is_a_user_error_naming_it()
    {
        string path = Path.Combine(_folder, "absent.txt");
        AssertProblem(() => new TextDataSource(new TextDataOptions { Path = path }), path, "not found");
        AssertProblem(() => new TextDataSource(new TextDataOptions { Path = Path.Combine(_folder, "no", "such.txt") }), "such.txt", "not found");
    }

    [Fact]
    public void A_directory_is_a_user_error()
    {
        AssertProblem(() => new TextDataSource(new TextDataOptions { Path = _folder }), _folder, "is a directory");
    }

    [Fact]
    public void Empty_files_and_files_holding_only_a_byte_order_mark_are_user_errors()
    {
        AssertProblem(() => Load("", new TextDataOptions()), "input.txt", "is empty");
        string path = Write("bom-only.txt", [0xEF, 0xBB, 0xBF]);
        AssertProblem(() => new TextDataSource(new TextDataOptions { Path = path }), path, "is empty");
    }

    [Fact]
    public void A_file_shorter_than_a_context_and_its_next_token_is_a_user_error()
    {
        AssertProblem(() => Load("abcdefgh", new TextDataOptions()), "input.txt",
            "has 8 bytes; a context of 8 and the token to predict need at least 9");
        AssertProblem(() => Load("éé", new TextDataOptions { Tokenization = TextTokenization.Characters, ContextLength = 2 }), "input.txt",
            "has 2 characters; a context of 2 and the token to predict need at least 3");
        Assert.Equal(1, Load("abcdefghi", new TextDataOptions { ValidationFraction = 0 }).Samples.Count);
    }

    /// <summary>The offset counts from the start of the file, byte-order mark included; the message shows the offending bytes.</summary>
    [Theory]
    [InlineData(TextTokenization.Bytes)]
    [InlineData(TextTokenization.Characters)]
    public void Invalid_utf8_is_a_user_error_naming_the_byte_offset(TextTokenization tokenization)
    {
        var options = new TextDataOptions { Tokenization = tokenization, ContextLength = 1 };
        string path = Write("bad.txt", [.. "ab"u8, 0xC3, 0x28, .. "cd"u8]); // 0xC3 must be followed by a continuation byte
        AssertProblem(() => new TextDataSource(options with { Path = path }), path, "is not valid UTF-8: an invalid sequence (0xC3) at byte offset 2");
        path = Write("bom-bad.txt", [0xEF, 0xBB, 0xBF, .. "abc"u8, 0xFF]);
        AssertProblem(() => new TextDataSource(options with { Path = path }), path, "(0xFF) at byte offset 6");
        path = Write("cut.txt", [.. "abc"u8, 0xE2, 0x82]); // € is E2 82 AC
        AssertProblem(() => new TextDataSource(options with { Path = path }), path, "a sequence cut off by the end of the file (0xE2 0x82) at byte offset 3");
        path = Write("surrogate.txt", [.. "a"u8, 0xED, 0xA0, 0x80, .. "b"u8]); // an encoded UTF-16 surrogate is not UTF-8
        AssertProblem(() => new TextDataSource(options with { Path = path }), path, "at byte offset 1");
    }

    /// <summary>The process runs as root in CI, which reads any file whatever its mode, so the failures are injected.</summary>
    [Fact]
    public void Unreadable_files_are_user_errors()
    {
        string path = Write("locked.txt", "abcdefghij"u8.ToArray());
        AssertProblem(() => TextDataSource.Read(path, _ => throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.")),
            path, "cannot be read: permission denied");
        AssertProblem(() => TextDataSource.Read(path, _ => throw new IOException("Input/output error\nat sector 7")),
            path, "cannot be read: Input/output error at sector 7");
        var error = Assert.Throws<UserInputException>(() =>
            new TextDataSource(new TextDataOptions { Path = path }, _ => throw new UnauthorizedAccessException("denied")));
        Assert.IsType<UnauthorizedAccessException>(error.InnerException);
    }

    [Fact]
    public void Too_few_samples_to_leave_one_for_training_is_a_user_error()
    {
        AssertProblem(() => Load("ab", new TextDataOptions { ContextLength = 1, ValidationFraction = 0.9 }), "input.txt",
            "its 1 samples leave none for training");
    }

    public static TheoryData<TextDataOptions, string, string> InvalidOptions => new()
    {
        { new TextDataOptions(), "Path", "a file path" },
        { new TextDataOptions { Path = "  " }, "Path", "a file path" },
        { new TextDataOptions { Path = "x", Tokenization = (TextTokenization)7 }, "Tokenization", "Bytes or Characters" },
        { new TextDataOptions { Path = "x", ContextLength = 0 }, "ContextLength", "[1, 1024]" },
        { new TextDataOptions { Path = "x", ContextLength = 1025 }, "ContextLength", "[1, 1024]" },
        { new TextDataOptions { Path = "x", MaxSamples = 0 }, "MaxSamples", "[1, " },
        { new TextDataOptions { Path = "x", ValidationFraction = 1 }, "ValidationFraction", "[0, 1)" },
        { new TextDataOptions { Path = "x", ValidationFraction = double.NaN }, "ValidationFraction", "[0, 1)" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_options_are_rejected_naming_option_value_and_range(TextDataOptions options, string name, string range)
    {
        var error = Assert.Throws<OptionOutOfRangeException>(options.Validate);
        Assert.Equal(name, error.ParamName);
        Assert.Contains($"TextDataOptions.{name} = ", error.Message, StringComparison.Ordinal);
        Assert.Contains(range, error.Message, StringComparison.Ordinal);
        Assert.Throws<OptionOutOfRangeException>(() => new TextDataSource(options));
    }

    private TextDataSource Load(string text, TextDataOptions options) =>
        new(options with { Path = Write("input.txt", Encoding.UTF8.GetBytes(text)) });

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A user error whose message is one line: <c>text file '…path…': …problem…</c>.</summary>
    private static void AssertProblem(Func<object> action, string pathPart, string problem)
    {
        var error = Assert.Throws<UserInputException>(action);
        Assert.StartsWith("text file '", error.Message, StringComparison.Ordinal);
        Assert.Contains(pathPart, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
