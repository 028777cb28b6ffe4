namespace SurgeCollapse.Simd;

/// <summary>
/// An option record's value is outside its allowed range. Carries the record, the option, the value and the
/// range separately, so a command line can name its own flag instead of the record's property.
/// </summary>
public sealed class OptionOutOfRangeException : ArgumentOutOfRangeException
{
    /// <summary>Creates the exception for <c>Record.Option = value</c> outside <paramref name="allowed"/>.</summary>
    public OptionOutOfRangeException(string record, string option, string value, string allowed)
        : base(option, $"{record}.{option} = {value} is outside the allowed range {allowed}.")
    {
        Record = record;
        Option = option;
        Value = value;
        Allowed = allowed;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public OptionOutOfRangeException() : this("options", "value", "?", "?") { }

    /// <summary>Creates the exception with a message.</summary>
    public OptionOutOfRangeException(string message) : base(message) => (Record, Option, Value, Allowed) = ("options", "value", "?", "?");

    /// <summary>Creates the exception with a message and a cause.</summary>
    public OptionOutOfRangeException(string message, Exception innerException) : base(message, innerException) =>
        (Record, Option, Value, Allowed) = ("options", "value", "?", "?");

    /// <summary>The option record's type name, e.g. <c>BatchSamplerOptions</c>.</summary>
    public string Record { get; }

    /// <summary>The option's property name, e.g. <c>BatchSize</c>.</summary>
    public string Option { get; }

    /// <summary>The rejected value, formatted invariantly.</summary>
    public string Value { get; }

    /// <summary>The allowed range, e.g. <c>[1, 65536]</c>.</summary>
    public string Allowed { get; }
}
