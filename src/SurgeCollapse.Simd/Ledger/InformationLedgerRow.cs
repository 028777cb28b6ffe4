namespace SurgeCollapse.Simd.Ledger;

/// <summary>
/// One line of the information ledger (SPEC §9), at one evaluation of a run on token data: what went in (N, D, H, L, T)
/// and what follows from it by IC-1 and IC-2 (I, η, E₀). Information is in bits throughout. Made by
/// <see cref="InformationLedger.Row"/>; the derived values are computed from the inputs, so they always agree.
/// </summary>
public sealed record InformationLedgerRow
{
    internal InformationLedgerRow(long activeParameters, long tokensPredicted, double dataEntropyBitsPerToken, bool dataEntropyIsExact,
        double lossBitsPerToken, double temperatureKelvin)
    {
        ActiveParameters = activeParameters;
        TokensPredicted = tokensPredicted;
        DataEntropyBitsPerToken = dataEntropyBitsPerToken;
        DataEntropyIsExact = dataEntropyIsExact;
        LossBitsPerToken = lossBitsPerToken;
        TemperatureKelvin = temperatureKelvin;
    }

    /// <summary>The number of active (unmasked) parameters.</summary>
    public long ActiveParameters { get; }

    /// <summary>N, the model's storage in bits: <see cref="ActiveParameters"/> × 32 (float32).</summary>
    public long ParameterBits => ActiveParameters * InformationLedger.BitsPerParameter;

    /// <summary>D, the tokens predicted in training so far (training samples seen, counted with repeats over epochs).</summary>
    public long TokensPredicted { get; }

    /// <summary>H, the entropy of the data in bits per token.</summary>
    public double DataEntropyBitsPerToken { get; }

    /// <summary>Whether H is exact (the entropy rate of <c>markov</c> data) or an estimate (the initial loss on <c>text</c>).</summary>
    public bool DataEntropyIsExact { get; }

    /// <summary>L, the mean training cross-entropy over the last evaluation window, in bits per token.</summary>
    public double LossBitsPerToken { get; }

    /// <summary>T, the temperature of the Landauer bound, in kelvin.</summary>
    public double TemperatureKelvin { get; }

    /// <summary>I = D·(H − L), the information stored by training, in bits (IC-1); negative while L is above H.</summary>
    public double InformationBits => TokensPredicted * (DataEntropyBitsPerToken - LossBitsPerToken);

    /// <summary>η = I / N, the information stored per bit of parameter storage (IC-1: ηN = D(H − L)).</summary>
    public double Efficiency => InformationBits / ParameterBits;

    /// <summary>E₀ = I·k_B·T·ln 2, the least energy that storing I bits costs by Landauer's principle (IC-2), in joules.</summary>
    public double LandauerEnergyJoules => InformationBits * InformationLedger.BoltzmannConstant * TemperatureKelvin * Math.Log(2);
}
