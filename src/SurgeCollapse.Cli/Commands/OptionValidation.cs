using SurgeCollapse.Simd;

namespace SurgeCollapse.Cli.Commands;

/// <summary>Turns an engine option record's range check into a user error that names the command-line flag.</summary>
internal static class OptionValidation
{
    /// <summary>
    /// Runs <paramref name="validate"/>; an out-of-range option becomes a one-line <see cref="UserInputException"/>
    /// naming the flag that set it (<paramref name="flags"/> maps the record's property names to flags).
    /// </summary>
    public static void Check(Action validate, IReadOnlyDictionary<string, string> flags)
    {
        try
        {
            validate();
        }
        catch (OptionOutOfRangeException error)
        {
            string flag = flags.TryGetValue(error.Option, out string? name) ? name : $"{error.Record}.{error.Option}";
            throw new UserInputException($"{flag}: expected a value in {NameFlags(error.Allowed, flags)}, got {error.Value}", error);
        }
    }

    /// <summary>A range that depends on another option names it, as in <c>[0.58 (LowEntropy), 1]</c>: name its flag instead.</summary>
    private static string NameFlags(string allowed, IReadOnlyDictionary<string, string> flags)
    {
        foreach ((string property, string flag) in flags)
            allowed = allowed.Replace($"({property})", $"({flag})", StringComparison.Ordinal);
        return allowed;
    }
}
