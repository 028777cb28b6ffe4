namespace SurgeCollapse.Simd.Optimizers;

/// <summary>The one way options report a value out of range: the option's name, its value and the allowed range.</summary>
internal static class OptionCheck
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless <paramref name="inRange"/> holds.</summary>
    /// <remarks>Callers write the test so that NaN fails it (<c>value >= 0</c>, never <c>!(value &lt; 0)</c>).</remarks>
    public static void Range(bool inRange, string option, double value, string allowed)
    {
        if (!inRange)
            throw new ArgumentOutOfRangeException(option, value, $"{option} must be {allowed}, got {value}.");
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and not negative (a rate, a decay, an ε).</summary>
    public static void FiniteNonNegative(string option, double value) =>
        Range(value >= 0 && double.IsFinite(value), option, value, "finite and >= 0");
}
