using System.Globalization;

namespace SurgeCollapse.Simd;

/// <summary>
/// The one way option records report a value out of range: <c>Record.Option = value is outside the allowed range
/// …</c>, thrown as <see cref="OptionOutOfRangeException"/> with the option as its parameter name.
/// </summary>
internal static class OptionCheck
{
    /// <summary>Throws unless <paramref name="inRange"/> holds.</summary>
    /// <remarks>Callers write the test so that NaN fails it (<c>value >= 0</c>, never <c>!(value &lt; 0)</c>).</remarks>
    public static void Range(bool inRange, string record, string option, object value, string allowed)
    {
        if (!inRange)
        {
            string shown = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null";
            throw new OptionOutOfRangeException(record, option, shown, allowed);
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and not negative (a rate, a decay, an ε, a σ).</summary>
    public static void FiniteNonNegative(string record, string option, double value) =>
        Range(value >= 0 && double.IsFinite(value), record, option, value, "[0, ∞)");
}
