namespace SurgeCollapse.Simd.Ledger;

/// <summary>
/// The information ledger of a run on token data (SPEC §9), after "Physics in Next-token Prediction" (An, Song and Li,
/// 2024): the first law of information capacity, IC-1: ηN = D(H − L), and the Landauer bound, IC-2: E₀ = ηN·k_B·T·ln 2.
/// The ledger holds what is fixed for the run (H and whether it is exact, T) and turns each evaluation's N, D and L
/// into an <see cref="InformationLedgerRow"/>.
/// </summary>
/// <remarks>
/// The ledger is not defined for vector data trained with the mean squared error: there is no per-token entropy to
/// compare the loss with, and a report should say so rather than print a number.
/// </remarks>
public sealed class InformationLedger
{
    /// <summary>k_B, the Boltzmann constant in J/K, exact since the 2019 redefinition of the SI units.</summary>
    public const double BoltzmannConstant = 1.380649e-23;

    /// <summary>Bits of storage per parameter: parameters are float32.</summary>
    public const int BitsPerParameter = 32;

    /// <summary>Starts the ledger of a run whose data carry <paramref name="dataEntropyBitsPerToken"/> bits per token.</summary>
    /// <param name="dataEntropyBitsPerToken">H in bits per token, finite and at least 0.</param>
    /// <param name="dataEntropyIsExact">True for an exact entropy rate (<c>markov</c>), false for an estimate (<c>text</c>).</param>
    /// <param name="options">The temperature (validated here); null for the defaults.</param>
    public InformationLedger(double dataEntropyBitsPerToken, bool dataEntropyIsExact, InformationLedgerOptions? options = null)
    {
        if (!(dataEntropyBitsPerToken >= 0 && double.IsFinite(dataEntropyBitsPerToken)))
            throw new ArgumentOutOfRangeException(nameof(dataEntropyBitsPerToken), dataEntropyBitsPerToken, "the data entropy must be finite and at least 0 bits per token");
        Options = options ?? new InformationLedgerOptions();
        Options.Validate();
        DataEntropyBitsPerToken = dataEntropyBitsPerToken;
        DataEntropyIsExact = dataEntropyIsExact;
    }

    /// <summary>H, the entropy of the data in bits per token.</summary>
    public double DataEntropyBitsPerToken { get; }

    /// <summary>Whether H is exact or an estimate.</summary>
    public bool DataEntropyIsExact { get; }

    /// <summary>The temperature.</summary>
    public InformationLedgerOptions Options { get; }

    /// <summary>
    /// The ledger of a run on data whose entropy is not known (<c>text</c>), with H estimated as the paper proposes:
    /// the mean training loss over the first batches, an estimate of the information per token the untrained model
    /// faces. The row's <see cref="InformationLedgerRow.DataEntropyIsExact"/> is false.
    /// </summary>
    /// <param name="firstLossesNats">The training losses of the first batches (cross-entropy, nats), at least one, all finite.</param>
    /// <param name="options">The temperature; null for the defaults.</param>
    public static InformationLedger FromInitialLosses(ReadOnlySpan<float> firstLossesNats, InformationLedgerOptions? options = null)
    {
        if (firstLossesNats.IsEmpty)
            throw new ArgumentException("at least one batch loss is needed to estimate the data entropy", nameof(firstLossesNats));
        double sum = 0;
        foreach (float loss in firstLossesNats)
            sum += loss;
        // A NaN or infinite loss makes the mean non-finite, which the constructor rejects.
        return new InformationLedger(NatsToBits(sum / firstLossesNats.Length), dataEntropyIsExact: false, options);
    }

    /// <summary>Converts nats to bits: divides by ln 2.</summary>
    public static double NatsToBits(double nats) => nats / Math.Log(2);

    /// <summary>The ledger at one evaluation.</summary>
    /// <param name="activeParameters">Active (unmasked) parameters of the model, at least 1.</param>
    /// <param name="tokensPredicted">D, tokens predicted in training so far, at least 0.</param>
    /// <param name="meanLossNats">L, the mean training cross-entropy over the last window, in nats per token (as the trainer reports it), finite and at least 0.</param>
    public InformationLedgerRow Row(long activeParameters, long tokensPredicted, double meanLossNats)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(activeParameters);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(activeParameters, long.MaxValue / BitsPerParameter);
        ArgumentOutOfRangeException.ThrowIfNegative(tokensPredicted);
        if (!(meanLossNats >= 0 && double.IsFinite(meanLossNats)))
            throw new ArgumentOutOfRangeException(nameof(meanLossNats), meanLossNats, "the mean loss must be finite and at least 0 nats per token");
        return new InformationLedgerRow(activeParameters, tokensPredicted, DataEntropyBitsPerToken, DataEntropyIsExact,
            NatsToBits(meanLossNats), Options.TemperatureKelvin);
    }
}
