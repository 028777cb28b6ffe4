using System.Globalization;

namespace SurgeCollapse.Simd.Data;

/// <summary>
/// Options of the Markov token data (SPEC §2, <c>markov</c>): an order-<see cref="Order"/> chain over
/// <see cref="VocabularySize"/> symbols whose transition rows are drawn from a symmetric Dirichlet distribution of
/// concentration <see cref="Concentration"/>.
/// </summary>
public sealed record MarkovDataOptions
{
    /// <summary>Largest accepted number of contexts V^k: the stationary distribution is solved densely over them, in
    /// about a second and 128 MiB at 4,096 (V = 16 and k = 3, or V = 2 and k = 12, or V = 64 and k = 2).</summary>
    public const int MaxContexts = 4096;

    /// <summary>Smallest accepted <see cref="Concentration"/>: below it most rows put all their mass on one token, the others
    /// underflowing to exactly 0, and the chain often splits into parts that never reach each other, with no unique
    /// stationary distribution and so no entropy rate.</summary>
    public const double MinConcentration = 0.01;

    /// <summary>Largest accepted <see cref="VocabularySize"/> (the order-1 table then holds 2048² entries, 32 MiB).</summary>
    public const int MaxVocabularySize = 2048;

    /// <summary>V, the number of token ids, in [2, <see cref="MaxVocabularySize"/>]. Default 16.</summary>
    public int VocabularySize { get; init; } = 16;

    /// <summary>k, the number of previous tokens the next one depends on (and the model's context), at least 1. Default 2.</summary>
    public int Order { get; init; } = 2;

    /// <summary>Number of (context, next token) samples; the sequence holds Samples + <see cref="Order"/> tokens. Default 10,000.</summary>
    public int Samples { get; init; } = 10_000;

    /// <summary>
    /// α of the symmetric Dirichlet distribution each transition row P(· | context) is drawn from, at least
    /// <see cref="MinConcentration"/>. Small α gives peaked rows (a predictable chain), large α nearly uniform ones
    /// (entropy rate close to ln V). Default 0.14.
    /// </summary>
    /// <remarks>
    /// A row drawn from Dir(α) has expected entropy ψ(Vα + 1) − ψ(α + 1) nats (ψ the digamma function). For the
    /// default V = 16, α = 0.14 makes that 1.381 nats = 0.498·ln 16: the entropy rate sits near half of the uniform
    /// chain's ln V, far enough below it that a model has much to learn and far enough above 0 that the floor is not
    /// trivial. The exact rate of each seed's chain is computed (<see cref="MarkovDataSource.EntropyRateNats"/>): for
    /// seeds 1 to 10 of the default options it is 1.346 to 1.453 nats (1.94 to 2.10 bits, 0.485 to 0.524·ln 16).
    /// </remarks>
    public double Concentration { get; init; } = 0.14;

    /// <summary>Share of the samples, taken from the end of the sequence, held out for validation, in [0, 1). Default 0.1.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Seed of the one generator that draws the table and the sequence.</summary>
    public ulong Seed { get; init; }

    /// <summary>Throws <see cref="OptionOutOfRangeException"/> naming the first option outside its range, its value and the range.</summary>
    public void Validate()
    {
        OptionCheck.Range(VocabularySize is >= 2 and <= MaxVocabularySize, nameof(MarkovDataOptions), nameof(VocabularySize), VocabularySize,
            $"[2, {MaxVocabularySize}]");
        int maxOrder = MaxOrder(VocabularySize);
        OptionCheck.Range(Order >= 1 && Order <= maxOrder, nameof(MarkovDataOptions), nameof(Order), Order,
            $"[1, {maxOrder}] for VocabularySize = {VocabularySize} (V^k ≤ {MaxContexts} contexts)");
        int maxSamples = Array.MaxLength - Order;
        OptionCheck.Range(Samples >= 1 && Samples <= maxSamples, nameof(MarkovDataOptions), nameof(Samples), Samples, $"[1, {maxSamples}]");
        OptionCheck.Range(Concentration >= MinConcentration && double.IsFinite(Concentration), nameof(MarkovDataOptions), nameof(Concentration),
            Concentration, string.Create(CultureInfo.InvariantCulture, $"[{MinConcentration}, ∞)"));
        Dataset.CheckValidationFraction(nameof(MarkovDataOptions), ValidationFraction, Samples);
    }

    /// <summary>The largest order k with V^k ≤ <see cref="MaxContexts"/> (at least 1 for any accepted V).</summary>
    private static int MaxOrder(int vocabularySize)
    {
        int order = 0;
        for (long contexts = vocabularySize; contexts <= MaxContexts; contexts *= vocabularySize)
            order++;
        return order;
    }
}
