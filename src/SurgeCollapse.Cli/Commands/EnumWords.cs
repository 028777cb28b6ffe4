using System.Text;

namespace SurgeCollapse.Cli.Commands;

/// <summary>The command-line words of an engine enum's values: <c>PerTensor</c> is <c>per-tensor</c>.</summary>
internal static class EnumWords
{
    /// <summary>The word of every value, in declaration order (for <c>AcceptOnlyFromAmong</c>).</summary>
    public static string[] All<T>() where T : struct, Enum => [.. Enum.GetValues<T>().Select(Of)];

    /// <summary>The word of <paramref name="value"/>: its name in lower case, words joined by hyphens.</summary>
    public static string Of<T>(T value) where T : struct, Enum
    {
        string name = value.ToString();
        var word = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
                word.Append('-');
            word.Append(char.ToLowerInvariant(name[i]));
        }

        return word.ToString();
    }

    /// <summary>The value whose word is <paramref name="word"/> (the parser has already restricted it to <see cref="All{T}"/>).</summary>
    public static T Parse<T>(string word) where T : struct, Enum =>
        Enum.GetValues<T>().First(value => Of(value) == word);
}
