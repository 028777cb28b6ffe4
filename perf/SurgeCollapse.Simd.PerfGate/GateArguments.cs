using System.Globalization;

namespace SurgeCollapse.Simd.PerfGate;

/// <summary>The command line: a command, then <c>--name value</c> pairs (a name may repeat only once).</summary>
internal sealed class GateArguments
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private GateArguments(string command) => Command = command;

    /// <summary>The first argument: compare, update-baseline, fingerprint.</summary>
    public string Command { get; }

    /// <summary>Splits <paramref name="args"/>; throws <see cref="GateInputException"/> on a stray value or a repeated option.</summary>
    public static GateArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0)
            throw new GateInputException("missing command: compare, update-baseline or fingerprint (--help for usage).");
        var parsed = new GateArguments(args[0]);
        for (int i = 1; i < args.Count; i++)
        {
            string name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
                throw new GateInputException($"unexpected '{name}': options are --name value.");
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                throw new GateInputException($"{name} needs a value.");
            if (!parsed._options.TryAdd(name, args[++i]))
                throw new GateInputException($"{name} is given twice.");
        }

        return parsed;
    }

    /// <summary>The value of a required option.</summary>
    public string Required(string name) => Optional(name) ?? throw new GateInputException($"{Command} needs {name}.");

    /// <summary>The value of an option, or null.</summary>
    public string? Optional(string name)
    {
        _read.Add(name);
        return _options.GetValueOrDefault(name);
    }

    /// <summary>A number option, or <paramref name="fallback"/>.</summary>
    public double Number(string name, double fallback)
    {
        string? text = Optional(name);
        if (text is null)
            return fallback;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value : throw new GateInputException($"{name} is '{text}'; expected a number.");
    }

    /// <summary>A fraction written <c>5%</c> or <c>0.05</c>, or <paramref name="fallback"/>.</summary>
    public double Fraction(string name, double fallback)
    {
        string? text = Optional(name);
        if (text is null)
            return fallback;
        bool percent = text.EndsWith('%');
        if (!double.TryParse(percent ? text[..^1] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw new GateInputException($"{name} is '{text}'; expected e.g. 5% or 0.05.");
        if (!percent && value > 1)
            throw new GateInputException($"{name} is '{text}': write {text}% for a percentage, or a fraction ≤ 1.");
        return percent ? value / 100 : value;
    }

    /// <summary>Throws when an option was given that the command never asked for (a typo should not pass silently).</summary>
    public void RejectUnknown()
    {
        string? unknown = _options.Keys.FirstOrDefault(name => !_read.Contains(name));
        if (unknown is not null)
            throw new GateInputException($"{Command} has no option {unknown}.");
    }
}
