using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SurgeCollapse.Simd.Checkpoints;

/// <summary>
/// Builds the one-line messages of <see cref="UserInputException"/> for safetensors input. Names and values come
/// from a possibly hostile file, so they are quoted, shortened, and line breaks are escaped.
/// </summary>
internal static class SafetensorsMessages
{
    private const int MaxQuotedLength = 80;

    /// <summary>An exception whose one-line message starts with the file (or in-memory source) it is about.</summary>
    internal static UserInputException Error(string source, string message, Exception? inner = null)
    {
        string line = EscapeControls($"{source}: {message}");
        return inner is null ? new UserInputException(line) : new UserInputException(line, inner);
    }

    /// <summary>A name or string value in single quotes, cut at 80 characters.</summary>
    internal static string Quote(string text) =>
        text.Length > MaxQuotedLength ? $"'{text[..MaxQuotedLength]}'…" : $"'{text}'";

    /// <summary>What a JSON value looks like, for the "got …" half of a message.</summary>
    internal static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => $"an array of {value.GetArrayLength()}",
        JsonValueKind.String => $"the string {Quote(value.GetString()!)}",
        _ => Quote(value.GetRawText()),
    };

    /// <summary>The text with control characters and Unicode line separators written as \uXXXX escapes.</summary>
    private static string EscapeControls(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char character in text)
        {
            if (char.IsControl(character) || character is '\u2028' or '\u2029')
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)character:x4}");
            else
                builder.Append(character);
        }

        return builder.ToString();
    }
}
