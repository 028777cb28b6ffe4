using SurgeCollapse.Simd.Ledger;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Ledger;

public sealed class InformationLedgerTests
{
    /// <summary>
    /// By hand: 1,000 active parameters → N = 32,000 bits; D = 64,000 tokens; H = 2 bits exact; L = 1.5·ln 2 nats = 1.5 bits;
    /// I = 64,000 × 0.5 = 32,000 bits; η = 1; E₀ = 32,000 × 1.380649e-23 × 300 × ln 2 = 9.187132432251916e-17 J.
    /// Tolerances: a few ulps, from ln 2 entering through the nats-to-bits conversion and the Landauer factor.
    /// </summary>
    [Fact]
    public void A_row_follows_IC1_and_IC2()
    {
        var ledger = new InformationLedger(2, dataEntropyIsExact: true);
        InformationLedgerRow row = ledger.Row(activeParameters: 1_000, tokensPredicted: 64_000, meanLossNats: 1.5 * Math.Log(2));
        Assert.Equal((1_000L, 32_000L, 64_000L, 2.0, true, 300.0),
            (row.ActiveParameters, row.ParameterBits, row.TokensPredicted, row.DataEntropyBitsPerToken, row.DataEntropyIsExact, row.TemperatureKelvin));
        Assert.Equal(1.5, row.LossBitsPerToken, 1e-15);
        Assert.Equal(32_000, row.InformationBits, 1e-9);
        Assert.Equal(1, row.Efficiency, 1e-15);
        Assert.Equal(9.187132432251916e-17, row.LandauerEnergyJoules, 1e-30);
    }

    /// <summary>
    /// L above H stores negative information: 10 tokens at H = 1 bit and L = 3 bits give I = −20 bits; with 5 parameters
    /// (160 bits) η = −0.125. At T = 77 K, E₀ = −20 × 1.380649e-23 × 77 × ln 2 = −1.4737...e-20 J: T enters linearly.
    /// </summary>
    [Fact]
    public void Loss_above_the_data_entropy_gives_negative_information_and_the_temperature_scales_the_energy()
    {
        var ledger = new InformationLedger(1, dataEntropyIsExact: false, new InformationLedgerOptions { TemperatureKelvin = 77 });
        InformationLedgerRow row = ledger.Row(5, 10, 3 * Math.Log(2));
        Assert.False(row.DataEntropyIsExact);
        Assert.Equal(-20, row.InformationBits, 1e-12);
        Assert.Equal(-0.125, row.Efficiency, 1e-15);
        Assert.Equal(-20 * 1.380649e-23 * 77 * Math.Log(2), row.LandauerEnergyJoules, 1e-33);
        Assert.Equal(0, ledger.Row(5, 0, 0.1).InformationBits); // nothing predicted, nothing stored
    }

    [Fact]
    public void Constants_and_defaults_are_those_of_the_spec()
    {
        Assert.Equal(1.380649e-23, InformationLedger.BoltzmannConstant);
        Assert.Equal(32, InformationLedger.BitsPerParameter);
        Assert.Equal(300, new InformationLedgerOptions().TemperatureKelvin);
        Assert.Equal(1, InformationLedger.NatsToBits(Math.Log(2)), 1e-15);
    }

    /// <summary>The text estimate: the mean of the first batches' losses, 2 and 3 nats → 2.5 / ln 2 = 3.6067376022224087 bits, flagged as an estimate.</summary>
    [Fact]
    public void The_data_entropy_can_be_estimated_from_the_first_losses()
    {
        var ledger = InformationLedger.FromInitialLosses([2f, 3f]);
        Assert.Equal(3.6067376022224087, ledger.DataEntropyBitsPerToken, 1e-15);
        Assert.False(ledger.DataEntropyIsExact);
        Assert.False(ledger.Row(1, 1, 1).DataEntropyIsExact);
        Assert.Throws<ArgumentException>(() => InformationLedger.FromInitialLosses([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => InformationLedger.FromInitialLosses([2f, float.NaN]));
    }

    [Fact]
    public void Rows_are_immutable_values()
    {
        var ledger = new InformationLedger(2, true);
        Assert.Equal(ledger.Row(10, 20, 1), ledger.Row(10, 20, 1));
        Assert.NotEqual(ledger.Row(10, 20, 1), ledger.Row(10, 21, 1));
    }

    [Fact]
    public void Invalid_inputs_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new InformationLedger(-1, true));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InformationLedger(double.PositiveInfinity, true));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InformationLedger(double.NaN, true));
        var ledger = new InformationLedger(2, true);
        Assert.Equal("activeParameters", Assert.Throws<ArgumentOutOfRangeException>(() => ledger.Row(0, 1, 1)).ParamName);
        Assert.Equal("activeParameters", Assert.Throws<ArgumentOutOfRangeException>(() => ledger.Row(long.MaxValue / 16, 1, 1)).ParamName);
        Assert.Equal("tokensPredicted", Assert.Throws<ArgumentOutOfRangeException>(() => ledger.Row(1, -1, 1)).ParamName);
        Assert.Equal("meanLossNats", Assert.Throws<ArgumentOutOfRangeException>(() => ledger.Row(1, 1, -0.1)).ParamName);
        Assert.Equal("meanLossNats", Assert.Throws<ArgumentOutOfRangeException>(() => ledger.Row(1, 1, double.NaN)).ParamName);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-300.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Temperature_must_be_positive_and_finite(double kelvin)
    {
        var options = new InformationLedgerOptions { TemperatureKelvin = kelvin };
        var error = Assert.Throws<OptionOutOfRangeException>(options.Validate);
        Assert.Equal("TemperatureKelvin", error.ParamName);
        Assert.Contains("InformationLedgerOptions.TemperatureKelvin = ", error.Message, StringComparison.Ordinal);
        Assert.Contains("(0, ∞)", error.Message, StringComparison.Ordinal);
        Assert.Throws<OptionOutOfRangeException>(() => new InformationLedger(1, true, options));
    }
}
