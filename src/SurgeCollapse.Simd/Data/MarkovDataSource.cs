using SurgeCollapse.Simd.Noise;

namespace SurgeCollapse.Simd.Data;

/// <summary>
/// Token data from an order-k Markov chain over V symbols (SPEC §2, <c>markov</c>), with its exact entropy rate: the
/// floor that no model's cross-entropy on this sequence can beat in expectation. Sample t has the k tokens before
/// position t + k as its context (one-hot, see <see cref="TokenDataset"/>) and the token at t + k as its target.
/// </summary>
/// <remarks>
/// Everything comes from one <see cref="Xoshiro256"/> stream, <see cref="RandomPurpose.Data"/> of
/// <see cref="MarkovDataOptions.Seed"/>, in this order: the transition rows, context 0 to V^k − 1, each a symmetric
/// Dirichlet draw (V Gamma draws, see <see cref="Dirichlet"/>); one <see cref="Xoshiro256.NextDouble"/> u that picks
/// the starting context from π; then one u per generated token. Each u picks the first entry whose running sum
/// (P(0|s) + … + P(x|s) for a token, π(0) + … + π(s) for the start) exceeds it.
/// <para>
/// Stationary from the first token: the starting context is drawn from the stationary distribution π itself, so the
/// recorded sequence has the stationary law exactly (up to π's rounding), and its entropy rate is
/// <see cref="EntropyRateNats"/> from the first sample on. That replaces a burn-in, which would have to outlast the
/// chain's mixing time, and Dirichlet chains with small α can take millions of steps to mix (rows that put less
/// than 10⁻⁶ on all but one token make nearly periodic or nearly absorbing chains).
/// </para>
/// </remarks>
public sealed class MarkovDataSource
{
    private readonly double[] _transition;
    private readonly double[] _stationary;

    /// <summary>Draws the chain and generates the sequence described by <paramref name="options"/> (validated first).</summary>
    /// <exception cref="OptionOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="UserInputException">The chain drawn is reducible (no unique stationary distribution): possible only for very small
    /// concentrations, whose rows underflow to exact zeros.</exception>
    public MarkovDataSource(MarkovDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        int vocabularySize = options.VocabularySize;
        int contexts = 1;
        for (int i = 0; i < options.Order; i++)
            contexts *= vocabularySize;

        var random = new Xoshiro256(options.Seed, RandomPurpose.Data);
        _transition = new double[contexts * vocabularySize];
        for (int s = 0; s < contexts; s++)
            Dirichlet.Fill(ref random, options.Concentration, _transition.AsSpan(s * vocabularySize, vocabularySize));

        _stationary = MarkovChain.StationaryDistribution(_transition, vocabularySize);
        EntropyRateNats = MarkovChain.EntropyRateNats(_transition, _stationary, vocabularySize);

        int[] tokens = Generate(options, _transition, _stationary, ref random);
        Samples = new TokenDataset(tokens.AsMemory(), options.Order, vocabularySize);
        (Training, Validation) = Samples.Split(options.ValidationFraction);
    }

    /// <summary>The options the data were generated with.</summary>
    public MarkovDataOptions Options { get; }

    /// <summary>P(next | context), <c>[V^k, V]</c> row-major; context s = x₁·V^(k−1) + … + x_k, oldest token most significant.</summary>
    public ReadOnlySpan<double> Transition => _transition;

    /// <summary>π, the stationary distribution over the V^k contexts (same numbering as <see cref="Transition"/>).</summary>
    /// <remarks>
    /// Solved directly (GTH elimination, which never subtracts and so keeps every entry accurate to a small relative error
    /// even for nearly absorbing or nearly periodic chains).
    /// </remarks>
    public ReadOnlySpan<double> StationaryDistribution => _stationary;

    /// <summary>
    /// The exact entropy rate H = Σ_s π(s) Σ_x P(x|s)·(−ln P(x|s)), in nats per token: the mean cross-entropy of the
    /// true table on the sequence tends to it, and no model can do better in expectation. Exact up to rounding (the
    /// tests find it within 10⁻¹² of an exact rational solution).
    /// </summary>
    public double EntropyRateNats { get; }

    /// <summary>The entropy rate in bits per token: <see cref="EntropyRateNats"/> / ln 2.</summary>
    public double EntropyRateBits => EntropyRateNats / Math.Log(2);

    /// <summary>All samples in sequence order.</summary>
    public TokenDataset Samples { get; }

    /// <summary>The first samples of the sequence, for training.</summary>
    public TokenDataset Training { get; }

    /// <summary>The last <see cref="MarkovDataOptions.ValidationFraction"/> of the samples, for validation (order kept: see <see cref="TokenDataset.Split"/>).</summary>
    public TokenDataset Validation { get; }

    /// <summary>Draws the starting context from π, then Samples more tokens from the table.</summary>
    private static int[] Generate(MarkovDataOptions options, ReadOnlySpan<double> transition, ReadOnlySpan<double> stationary, ref Xoshiro256 random)
    {
        int vocabularySize = options.VocabularySize, order = options.Order, contexts = stationary.Length;
        var tokens = new int[options.Samples + order];
        int context = Draw(stationary, ref random);
        // The context's tokens are its base-V digits, oldest first.
        for (int i = order - 1, rest = context; i >= 0; i--, rest /= vocabularySize)
            tokens[i] = rest % vocabularySize;
        for (int t = order; t < tokens.Length; t++)
        {
            int next = Draw(transition.Slice(context * vocabularySize, vocabularySize), ref random);
            tokens[t] = next;
            context = MarkovChain.Successor(context, next, vocabularySize, contexts);
        }

        return tokens;
    }

    /// <summary>The first index whose running probability sum exceeds one uniform draw.</summary>
    private static int Draw(ReadOnlySpan<double> probabilities, ref Xoshiro256 random)
    {
        double u = random.NextDouble();
        double sum = 0;
        int lastPossible = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            sum += probabilities[i];
            if (u < sum)
                return i;
            if (probabilities[i] > 0)
                lastPossible = i;
        }

        // The sum can fall short of 1 by rounding, and u lie in that gap (about 10⁻¹⁶ of draws).
        return lastPossible;
    }
}
