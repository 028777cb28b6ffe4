using System.Globalization;
using SurgeCollapse.Simd.Noise;

namespace SurgeCollapse.Simd.Checkpoints;

/// <summary>How a run checkpoint writes its scalars as metadata strings: invariant culture, round-trip forms.</summary>
internal static class RunStateText
{
    /// <summary>An integer in decimal.</summary>
    internal static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An unsigned integer in decimal.</summary>
    internal static string Format(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A double in its shortest round-trip form (<c>R</c>), which parses back to the same bits.</summary>
    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A xoshiro256** state: its four words as 16 lower-case hexadecimal digits each, comma-separated.</summary>
    internal static string Format(in Xoshiro256 random)
    {
        Span<ulong> words = stackalloc ulong[Xoshiro256.StateWords];
        random.CopyStateTo(words);
        return string.Create(CultureInfo.InvariantCulture, $"{words[0]:x16},{words[1]:x16},{words[2]:x16},{words[3]:x16}");
    }

    /// <summary>Parses what <see cref="Format(in Xoshiro256)"/> wrote into <paramref name="words"/>; false when it is not that.</summary>
    internal static bool TryParse(string text, Span<ulong> words)
    {
        string[] parts = text.Split(',');
        if (parts.Length != words.Length)
            return false;
        for (int i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length != 16 || !ulong.TryParse(parts[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out words[i]))
                return false;
        }

        return true;
    }
}
