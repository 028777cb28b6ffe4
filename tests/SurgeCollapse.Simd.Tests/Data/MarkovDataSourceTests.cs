using System.Numerics;
using FsCheck;
using FsCheck.Xunit;
using SurgeCollapse.Simd.Data;
using SurgeCollapse.Simd.Noise;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Data;

/// <summary>The default Markov data (SPEC §2), generated once for the tests that only read it.</summary>
public sealed class DefaultMarkovData
{
    public MarkovDataSource Source { get; } = new(new MarkovDataOptions { Seed = 1 });
}

public sealed class MarkovDataSourceTests(DefaultMarkovData data) : IClassFixture<DefaultMarkovData>
{
    private static readonly MarkovDataOptions Small = new() { VocabularySize = 3, Order = 2, Samples = 500, Concentration = 0.5, Seed = 7 };

    private MarkovDataSource Source => data.Source;

    [Fact]
    public void Defaults_are_those_of_the_spec()
    {
        var options = new MarkovDataOptions();
        Assert.Equal((16, 2, 10_000, 0.14, 0.1), (options.VocabularySize, options.Order, options.Samples, options.Concentration, options.ValidationFraction));
    }

    [Fact]
    public void Samples_are_k_token_contexts_and_the_next_token_split_90_10_in_order()
    {
        Assert.Equal((10_000, 2, 16, 32), (Source.Samples.Count, Source.Samples.ContextLength, Source.Samples.VocabularySize, Source.Samples.InputSize));
        Assert.Equal(10_002, Source.Samples.Tokens.Length);
        Assert.Equal((9_000, 1_000), (Source.Training.Count, Source.Validation.Count));
        Assert.True(Source.Training.Targets.SequenceEqual(Source.Samples.Targets[..9_000]));
        Assert.True(Source.Validation.Targets.SequenceEqual(Source.Samples.Targets[9_000..]));
        Assert.True(Source.Validation.Context(0).SequenceEqual(Source.Samples.Context(9_000)));
        Assert.All(Source.Samples.Tokens.ToArray(), token => Assert.InRange(token, 0, 15));
    }

    /// <summary>Each one-hot row has exactly one 1 per block, at the id of the context's token in that position.</summary>
    [Fact]
    public void Input_rows_are_the_one_hot_contexts()
    {
        const int V = 16, K = 2;
        var rows = new float[100 * K * V];
        Source.Samples.EncodeInputs(500, 100, rows);
        for (int row = 0; row < 100; row++)
        {
            ReadOnlySpan<int> context = Source.Samples.Tokens.Slice(500 + row, K);
            for (int position = 0; position < K; position++)
            {
                for (int id = 0; id < V; id++)
                    Assert.Equal(id == context[position] ? 1f : 0f, rows[row * K * V + position * V + id]);
            }
        }
    }

    /// <summary>Rows are distributions; π is one and is stationary. Rounding: a sum of 16 or 256 doubles is off by a few ulps of 1.</summary>
    [Fact]
    public void Table_rows_and_the_stationary_distribution_are_probability_distributions()
    {
        const int V = 16, Contexts = 256;
        ReadOnlySpan<double> table = Source.Transition;
        Assert.Equal(Contexts * V, table.Length);
        for (int s = 0; s < Contexts; s++)
        {
            double sum = 0;
            foreach (double p in table.Slice(s * V, V))
            {
                Assert.True(p >= 0);
                sum += p;
            }

            Assert.True(Math.Abs(sum - 1) <= 1e-14, $"row {s} sums to {sum:R}");
        }

        double[] pi = Source.StationaryDistribution.ToArray();
        Assert.True(Math.Abs(pi.Sum() - 1) <= 1e-14);
        double[] next = DenseStep(Dense(table.ToArray(), V, 2), pi);
        Assert.True(L1(next, pi) <= 1e-13, $"||πP − π||₁ = {L1(next, pi):G3}");
    }

    /// <summary>
    /// V = 2, k = 1 has a closed form: with a = P(1|0) and b = P(0|1), π = (b, a) / (a + b) and
    /// H = π₀·h(a) + π₁·h(b), h the binary entropy in nats. Tolerance 1e-13: two contexts are solved directly (GTH,
    /// a few ulps), and the closed form itself rounds a few times.
    /// </summary>
    [Theory]
    [InlineData(1UL, 0.14)]
    [InlineData(2UL, 1.0)]
    [InlineData(3UL, 20.0)]
    public void Two_symbol_first_order_chain_matches_the_closed_form(ulong seed, double concentration)
    {
        var source = new MarkovDataSource(new MarkovDataOptions { VocabularySize = 2, Order = 1, Samples = 10, Concentration = concentration, Seed = seed });
        double a = source.Transition[1], b = source.Transition[2];
        double pi0 = b / (a + b), pi1 = a / (a + b);
        double expected = pi0 * BinaryEntropy(a) + pi1 * BinaryEntropy(b);
        Assert.True(Math.Abs(source.StationaryDistribution[0] - pi0) <= 1e-13, $"π₀ = {source.StationaryDistribution[0]:R}, expected {pi0:R}");
        Assert.True(Math.Abs(source.EntropyRateNats - expected) <= 1e-13, $"H = {source.EntropyRateNats:R}, expected {expected:R}");
    }

    [Fact]
    public void Hand_made_two_state_chain_matches_the_closed_form()
    {
        double[] table = [0.9, 0.1, 0.4, 0.6]; // a = 0.1, b = 0.4: π = (0.8, 0.2)
        double expected = 0.8 * BinaryEntropy(0.1) + 0.2 * BinaryEntropy(0.4);
        double[] pi = MarkovChain.StationaryDistribution(table, 2);
        Assert.True(Math.Abs(pi[0] - 0.8) <= 1e-15 && Math.Abs(pi[1] - 0.2) <= 1e-15, $"π = ({pi[0]:R}, {pi[1]:R})");
        Assert.True(Math.Abs(MarkovChain.EntropyRateNats(table, pi, 2) - expected) <= 1e-15);

        double[] uniform = [0.5, 0.5, 0.5, 0.5]; // H = ln 2
        Assert.Equal([0.5, 0.5], MarkovChain.StationaryDistribution(uniform, 2));
        Assert.Equal(Math.Log(2), MarkovChain.EntropyRateNats(uniform, [0.5, 0.5], 2), 15);
    }

    /// <summary>
    /// a = P(1|0) = 1e-9 and b = P(0|1) = 3e-9: a chain that switches state once in a few hundred million steps, which
    /// power iteration could not settle, is solved to full relative precision: π = (0.75, 0.25).
    /// </summary>
    [Fact]
    public void Nearly_absorbing_chain_is_solved_exactly()
    {
        double a = 1e-9, b = 3e-9;
        double[] table = [1 - a, a, b, 1 - b];
        double[] pi = MarkovChain.StationaryDistribution(table, 2);
        Assert.Equal(0.75, pi[0], 1e-15);
        double expected = 0.75 * BinaryEntropy(a) + 0.25 * BinaryEntropy(b);
        double rate = MarkovChain.EntropyRateNats(table, pi, 2);
        Assert.True(Math.Abs(rate / expected - 1) <= 1e-12, $"H = {rate:R}, expected {expected:R}");
    }

    /// <summary>
    /// On small chains (up to 16 contexts) π equals an exact rational solution, and H the rate computed from it. The
    /// oracle shares nothing with the engine: contexts as digit tuples, the chain matrix built by shifting tuples, each
    /// row's doubles turned into exact fractions and divided by their exact sum (so the matrix is exactly stochastic),
    /// and πP = π, Σπ = 1 solved by Gaussian elimination in rationals. Concentrations down to 0.05 draw nearly periodic
    /// and nearly absorbing chains (transitions of 10⁻¹⁸), where powers of P do not converge in any affordable number of
    /// squarings. GTH elimination never subtracts, so every entry of π keeps a small relative error (of order n³ ulps,
    /// O'Cinneide 1993): checked entry by entry at 1e-12 relative, and H at 1e-12 absolute.
    /// </summary>
    [Property(MaxTest = 60)]
    public void Stationary_distribution_and_rate_match_an_exact_solution_on_small_chains(ulong seed, PositiveInt shape, PositiveInt concentrationPick)
    {
        (int v, int k)[] shapes = [(2, 1), (2, 2), (2, 3), (2, 4), (3, 1), (3, 2), (4, 1), (4, 2)];
        double[] concentrations = [0.05, 0.14, 0.5, 1, 3];
        (int vocabulary, int order) = shapes[shape.Get % shapes.Length];
        double concentration = concentrations[concentrationPick.Get % concentrations.Length];
        var source = new MarkovDataSource(new MarkovDataOptions
        {
            VocabularySize = vocabulary, Order = order, Samples = 10, Concentration = concentration, Seed = seed,
        });

        double[] table = source.Transition.ToArray();
        double[] exact = ExactStationary(Dense(table, vocabulary, order));
        for (int s = 0; s < exact.Length; s++)
        {
            double actual = source.StationaryDistribution[s];
            Assert.True(Math.Abs(actual - exact[s]) <= 1e-12 * exact[s], $"π({s}) = {actual:R}, exact {exact[s]:R}");
        }

        double rate = 0;
        for (int s = 0; s < exact.Length; s++)
        {
            for (int x = 0; x < vocabulary; x++)
            {
                double p = table[s * vocabulary + x];
                rate -= p > 0 ? exact[s] * p * Math.Log(p) : 0;
            }
        }

        Assert.True(Math.Abs(rate - source.EntropyRateNats) <= 1e-12, $"H = {source.EntropyRateNats:R}, exact π gives {rate:R}");
        Assert.Equal(source.EntropyRateNats / Math.Log(2), source.EntropyRateBits);
    }

    /// <summary>The rate of a V = 3, k = 2 chain drawn with the default concentration, against the exact solution; tolerance as above.</summary>
    [Fact]
    public void Three_symbol_second_order_rate_matches_the_exact_solution()
    {
        var source = new MarkovDataSource(Small with { Concentration = 0.14 });
        double[] table = source.Transition.ToArray();
        double[] exact = ExactStationary(Dense(table, 3, 2));
        double rate = 0;
        for (int s = 0; s < 9; s++)
        {
            for (int x = 0; x < 3; x++)
                rate -= exact[s] * table[s * 3 + x] * Math.Log(table[s * 3 + x]);
        }

        Assert.True(Math.Abs(rate - source.EntropyRateNats) <= 1e-12, $"H = {source.EntropyRateNats:R}, exact π gives {rate:R}");
    }

    /// <summary>
    /// The largest chains accepted (4,096 contexts) are solved too: π is a distribution and πP = π within 1e-13 (a
    /// context's probability is a sum of 16 products, and the L1 norm adds 4,096 of those rounding errors).
    /// </summary>
    [Theory]
    [InlineData(16, 3)]
    [InlineData(2, 12)]
    public void The_largest_chains_are_solved(int vocabulary, int order)
    {
        var source = new MarkovDataSource(new MarkovDataOptions { VocabularySize = vocabulary, Order = order, Samples = 10, Seed = 4 });
        double[] pi = source.StationaryDistribution.ToArray();
        Assert.Equal(4096, pi.Length);
        Assert.True(Math.Abs(pi.Sum() - 1) <= 1e-13);
        var next = new double[pi.Length];
        for (int s = 0; s < pi.Length; s++)
        {
            for (int x = 0; x < vocabulary; x++)
                next[s * vocabulary % pi.Length + x] += pi[s] * source.Transition[s * vocabulary + x];
        }

        Assert.True(L1(next, pi) <= 1e-13, $"||πP − π||₁ = {L1(next, pi):G3}");
    }

    /// <summary>
    /// The mean surprisal −ln P(next | context) of the true table over a long generated sequence tends to the entropy
    /// rate. The terms are dependent (they share the chain's state), so the standard error comes from batch means: 200
    /// batches of 2,000 tokens, each far longer than the memory of this chain (the default α over 16 tokens: no row is
    /// nearly deterministic enough to trap it for more than a few dozen steps), so the batch means are nearly
    /// independent; the asserted standard error below 0.01 shows the estimate is sharp. The bound is 5 standard errors.
    /// </summary>
    [Fact]
    public void Cross_entropy_of_the_true_table_on_the_sequence_approaches_the_entropy_rate()
    {
        const int Batches = 200, BatchLength = 2_000;
        var source = new MarkovDataSource(new MarkovDataOptions { Samples = Batches * BatchLength, Seed = 3 });
        ReadOnlySpan<double> table = source.Transition;
        ReadOnlySpan<int> tokens = source.Samples.Tokens;
        var means = new double[Batches];
        for (int t = 0; t < source.Samples.Count; t++)
        {
            int context = tokens[t] * 16 + tokens[t + 1];
            means[t / BatchLength] -= Math.Log(table[context * 16 + tokens[t + 2]]) / BatchLength;
        }

        double mean = means.Average();
        double standardError = Math.Sqrt(means.Sum(m => (m - mean) * (m - mean)) / (Batches - 1) / Batches);
        Assert.True(standardError < 0.01, $"standard error {standardError:G3}");
        Assert.True(Math.Abs(mean - source.EntropyRateNats) <= 5 * standardError,
            $"cross-entropy {mean:F5} nats, entropy rate {source.EntropyRateNats:F5}, standard error {standardError:G3}");
    }

    /// <summary>
    /// Rows are Dir(α) draws: a row's entropy has expectation ψ(Vα + 1) − ψ(α + 1), and its squared distance from the
    /// uniform row, Σ(p − 1/V)², has expectation (V − 1) / (V·(Vα + 1)). Over 4,096 independent rows each mean is
    /// checked within 5 standard errors estimated from the rows. α below and above 1 take the two Gamma paths. (That the
    /// source's table is made of these draws, in this order, is checked by the replay test.)
    /// </summary>
    [Theory]
    [InlineData(16, 0.14)]
    [InlineData(8, 3.0)]
    [InlineData(2, 0.5)]
    [InlineData(100, 0.01)]
    public void Rows_have_the_moments_of_the_Dirichlet_distribution(int vocabulary, double concentration)
    {
        const int Rows = 4096;
        var random = new Xoshiro256(11);
        var row = new double[vocabulary];
        var entropies = new double[Rows];
        var spreads = new double[Rows];
        for (int r = 0; r < Rows; r++)
        {
            Dirichlet.Fill(ref random, concentration, row);
            Assert.True(Math.Abs(row.Sum() - 1) <= 1e-13);
            foreach (double p in row)
            {
                entropies[r] -= p > 0 ? p * Math.Log(p) : 0;
                spreads[r] += (p - 1.0 / vocabulary) * (p - 1.0 / vocabulary);
            }
        }

        AssertMean(entropies, Digamma(vocabulary * concentration + 1) - Digamma(concentration + 1), "row entropy");
        AssertMean(spreads, (vocabulary - 1.0) / (vocabulary * (vocabulary * concentration + 1)), "Σ(p − 1/V)²");
    }

    /// <summary>The documented default α puts the entropy rate near half of ln V: within [0.4, 0.6]·ln 16 for ten seeds (measured: 0.485 to 0.524).</summary>
    [Fact]
    public void Default_concentration_gives_about_half_the_uniform_entropy()
    {
        for (ulong seed = 1; seed <= 10; seed++)
        {
            var source = new MarkovDataSource(new MarkovDataOptions { Samples = 10, Seed = seed });
            double ratio = source.EntropyRateNats / Math.Log(16);
            Assert.True(ratio is > 0.4 and < 0.6, $"seed {seed}: H / ln V = {ratio:F3}");
        }
    }

    /// <summary>
    /// Replays the documented stream with plain loops: the table's Dirichlet rows, the starting context drawn from π and
    /// every token, each by the running-sum rule; every token must match.
    /// </summary>
    [Fact]
    public void Generation_replays_with_the_documented_stream()
    {
        var source = new MarkovDataSource(Small);
        var random = new Xoshiro256(Small.Seed, RandomPurpose.Data);
        var table = new double[27];
        for (int s = 0; s < 9; s++)
            Dirichlet.Fill(ref random, Small.Concentration, table.AsSpan(s * 3, 3));
        Assert.True(source.Transition.SequenceEqual(table));

        double[] pi = source.StationaryDistribution.ToArray();
        double start = random.NextDouble(), cumulative = 0;
        int first = 0;
        while (start >= (cumulative += pi[first]))
            first++;
        var tokens = new List<int> { first / 3, first % 3 };
        while (tokens.Count < 2 + Small.Samples)
        {
            int context = tokens[^2] * 3 + tokens[^1];
            double u = random.NextDouble(), sum = 0;
            int next = 0;
            while (u >= (sum += table[context * 3 + next]))
                next++;
            tokens.Add(next);
        }

        Assert.Equal(tokens.ToArray(), source.Samples.Tokens.ToArray());
    }

    [Fact]
    public void Same_seed_gives_identical_data_and_other_seeds_differ()
    {
        var again = new MarkovDataSource(Source.Options);
        Assert.True(again.Transition.SequenceEqual(Source.Transition));
        Assert.True(again.Samples.Tokens.SequenceEqual(Source.Samples.Tokens));
        Assert.Equal(Source.EntropyRateNats, again.EntropyRateNats);
        var other = new MarkovDataSource(Source.Options with { Seed = 2 });
        Assert.False(other.Transition.SequenceEqual(Source.Transition));
        Assert.False(other.Samples.Tokens.SequenceEqual(Source.Samples.Tokens));
    }

    /// <summary>
    /// 0 → 1, 1 → 0, 2 → 0 is periodic, which powers of P never settle, yet its stationary distribution is unique:
    /// (1/2, 1/2, 0). A chain whose contexts all stay where they are has none, and is reported.
    /// </summary>
    [Fact]
    public void Periodic_chains_are_solved_and_reducible_ones_reported()
    {
        Assert.Equal([0.5, 0.5, 0], MarkovChain.StationaryDistribution([0, 1, 0, 1, 0, 0, 1, 0, 0], 3));
        var error = Assert.Throws<UserInputException>(() => MarkovChain.StationaryDistribution([1, 0, 0, 1], 2));
        Assert.Contains("reducible", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<MarkovDataOptions, string, string> InvalidOptions => new()
    {
        { new MarkovDataOptions { VocabularySize = 1 }, "VocabularySize", "[2, 2048]" },
        { new MarkovDataOptions { VocabularySize = 2049 }, "VocabularySize", "[2, 2048]" },
        { new MarkovDataOptions { Order = 0 }, "Order", "[1, 3] for VocabularySize = 16 (V^k ≤ 4096 contexts)" },
        { new MarkovDataOptions { Order = 4 }, "Order", "[1, 3] for VocabularySize = 16" },
        { new MarkovDataOptions { VocabularySize = 2, Order = 13 }, "Order", "[1, 12]" },
        { new MarkovDataOptions { VocabularySize = 2048, Order = 2 }, "Order", "[1, 1]" },
        { new MarkovDataOptions { Samples = 0 }, "Samples", "[1, " },
        { new MarkovDataOptions { Concentration = 0.005 }, "Concentration", "[0.01, ∞)" },
        { new MarkovDataOptions { Concentration = double.NaN }, "Concentration", "[0.01, ∞)" },
        { new MarkovDataOptions { Concentration = double.PositiveInfinity }, "Concentration", "[0.01, ∞)" },
        { new MarkovDataOptions { ValidationFraction = 1 }, "ValidationFraction", "[0, 1)" },
        { new MarkovDataOptions { Samples = 1, ValidationFraction = 0.5 }, "ValidationFraction", "at least one" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_options_are_rejected_naming_option_value_and_range(MarkovDataOptions options, string name, string range)
    {
        var error = Assert.Throws<OptionOutOfRangeException>(options.Validate);
        Assert.Equal(name, error.ParamName);
        Assert.Contains($"MarkovDataOptions.{name} = ", error.Message, StringComparison.Ordinal);
        Assert.Contains(range, error.Message, StringComparison.Ordinal);
        Assert.Throws<OptionOutOfRangeException>(() => new MarkovDataSource(options));
    }

    private static void AssertMean(double[] values, double expected, string what)
    {
        double mean = values.Average();
        double standardError = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1) / values.Length);
        Assert.True(Math.Abs(mean - expected) <= 5 * standardError, $"{what}: mean {mean:G5}, expected {expected:G5}, standard error {standardError:G3}");
    }

    private static double BinaryEntropy(double p) => -(p * Math.Log(p) + (1 - p) * Math.Log(1 - p));

    /// <summary>ψ(x) by the recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 6, then the asymptotic series (error below 1e-12).</summary>
    private static double Digamma(double x)
    {
        double result = 0;
        for (; x < 6; x++)
            result -= 1 / x;
        double f = 1 / (x * x);
        return result + Math.Log(x) - 0.5 / x - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f / 132))));
    }

    /// <summary>The V^k × V^k matrix of the context chain, built from digit tuples: (x₁ … x_k) → (x₂ … x_k, x) with P(x | x₁ … x_k).</summary>
    private static double[,] Dense(double[] table, int vocabulary, int order)
    {
        int contexts = table.Length / vocabulary;
        var matrix = new double[contexts, contexts];
        for (int s = 0; s < contexts; s++)
        {
            int[] digits = new int[order];
            for (int i = order - 1, rest = s; i >= 0; i--, rest /= vocabulary)
                digits[i] = rest % vocabulary;
            for (int x = 0; x < vocabulary; x++)
            {
                int successor = 0;
                foreach (int digit in digits.Skip(1).Append(x))
                    successor = successor * vocabulary + digit;
                matrix[s, successor] += table[s * vocabulary + x];
            }
        }

        return matrix;
    }

    private static double[] DenseStep(double[,] matrix, double[] distribution)
    {
        int n = distribution.Length;
        var next = new double[n];
        for (int s = 0; s < n; s++)
        {
            for (int t = 0; t < n; t++)
                next[t] += distribution[s] * matrix[s, t];
        }

        return next;
    }

    /// <summary>
    /// π of the chain in exact rational arithmetic: each row of doubles as exact fractions over their exact sum, then
    /// πᵀ(P − I) = 0 with the last equation replaced by Σπ = 1, solved by Gauss–Jordan elimination.
    /// </summary>
    private static double[] ExactStationary(double[,] matrix)
    {
        int n = matrix.GetLength(0);
        var rows = new Fraction[n][];
        for (int s = 0; s < n; s++)
        {
            rows[s] = Enumerable.Range(0, n).Select(t => Fraction.FromDouble(matrix[s, t])).ToArray();
            Fraction sum = rows[s].Aggregate(Fraction.Zero, (a, b) => a + b);
            rows[s] = rows[s].Select(value => value / sum).ToArray();
        }

        // Equation i: Σ_s π(s)·(P(s, i) − [s = i]) = 0; the last one becomes Σ_s π(s) = 1.
        var system = new Fraction[n][];
        for (int i = 0; i < n; i++)
        {
            system[i] = new Fraction[n + 1];
            for (int s = 0; s < n; s++)
                system[i][s] = i == n - 1 ? Fraction.One : rows[s][i] - (s == i ? Fraction.One : Fraction.Zero);
            system[i][n] = i == n - 1 ? Fraction.One : Fraction.Zero;
        }

        for (int column = 0; column < n; column++)
        {
            int pivot = Enumerable.Range(column, n - column).First(r => !system[r][column].IsZero);
            (system[column], system[pivot]) = (system[pivot], system[column]);
            for (int r = 0; r < n; r++)
            {
                if (r == column || system[r][column].IsZero)
                    continue;
                Fraction factor = system[r][column] / system[column][column];
                for (int c = column; c <= n; c++)
                    system[r][c] -= factor * system[column][c];
            }
        }

        return Enumerable.Range(0, n).Select(i => (system[i][n] / system[i][i]).ToDouble()).ToArray();
    }

    /// <summary>An exact rational number, kept in lowest terms with a positive denominator.</summary>
    private readonly record struct Fraction(BigInteger Numerator, BigInteger Denominator)
    {
        public static readonly Fraction Zero = new(0, 1);
        public static readonly Fraction One = new(1, 1);

        public bool IsZero => Numerator.IsZero;

        /// <summary>A finite double as the fraction it is exactly: mantissa·2^exponent.</summary>
        public static Fraction FromDouble(double value)
        {
            long bits = BitConverter.DoubleToInt64Bits(value);
            int exponent = (int)((bits >> 52) & 0x7FF);
            long mantissa = bits & 0xF_FFFF_FFFF_FFFF;
            if (exponent == 0)
                exponent = 1; // subnormal: no implicit bit
            else
                mantissa |= 1L << 52;
            exponent -= 1075;
            BigInteger numerator = value < 0 ? -mantissa : mantissa;
            return exponent >= 0 ? Create(numerator << exponent, 1) : Create(numerator, BigInteger.One << -exponent);
        }

        public static Fraction operator +(Fraction a, Fraction b) => Create(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

        public static Fraction operator -(Fraction a, Fraction b) => Create(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator);

        public static Fraction operator *(Fraction a, Fraction b) => Create(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

        public static Fraction operator /(Fraction a, Fraction b) => Create(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

        /// <summary>The nearest double, from the leading 64 bits of the quotient (relative error below 2⁻⁶³ before the final rounding).</summary>
        public double ToDouble()
        {
            if (Numerator.IsZero)
                return 0;
            long shift = (long)Denominator.GetBitLength() - (long)BigInteger.Abs(Numerator).GetBitLength() + 64;
            BigInteger scaled = shift >= 0 ? (Numerator << (int)shift) / Denominator : Numerator / (Denominator << (int)-shift);
            return Math.ScaleB((double)scaled, (int)-shift);
        }

        private static Fraction Create(BigInteger numerator, BigInteger denominator)
        {
            if (denominator.Sign < 0)
                (numerator, denominator) = (-numerator, -denominator);
            BigInteger divisor = BigInteger.GreatestCommonDivisor(numerator, denominator);
            return divisor.IsOne || divisor.IsZero ? new(numerator, denominator) : new(numerator / divisor, denominator / divisor);
        }
    }

    private static double L1(double[] a, double[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Sum();
}
