namespace SurgeCollapse.Simd.Ledger;

/// <summary>Options of the <see cref="InformationLedger"/> (SPEC §9).</summary>
public sealed record InformationLedgerOptions
{
    /// <summary>
    /// T, the temperature at which the Landauer energy E₀ = I·k_B·T·ln 2 is evaluated, in kelvin, greater than 0 and
    /// finite. Default 300 K (room temperature, as SPEC §9).
    /// </summary>
    public double TemperatureKelvin { get; init; } = 300;

    /// <summary>Throws <see cref="OptionOutOfRangeException"/> naming the first option outside its range, its value and the range.</summary>
    public void Validate() =>
        OptionCheck.Range(TemperatureKelvin > 0 && double.IsFinite(TemperatureKelvin), nameof(InformationLedgerOptions), nameof(TemperatureKelvin),
            TemperatureKelvin, "(0, ∞)");
}
