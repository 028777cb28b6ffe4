using System.Numerics.Tensors;

namespace SurgeCollapse.Simd.Data;

/// <summary>
/// The stationary distribution and the entropy rate of an order-k Markov chain over V symbols, seen as a first-order
/// chain over its n = V^k contexts. The transition table is <c>[n, V]</c> row-major: entry <c>s·V + x</c> is
/// P(x | s), with context s = x₁·V^(k−1) + … + x_k (oldest token most significant). After emitting x the context
/// becomes <c>(s·V + x) mod n</c>: the oldest token drops out and x comes in.
/// </summary>
/// <remarks>
/// Everything is in double, summed in index order with unfused multiply-adds, so results are bit-identical on every
/// instruction set.
/// </remarks>
internal static class MarkovChain
{
    /// <summary>
    /// The stationary distribution π of the chain, by the GTH algorithm (Grassmann, Taksar and Heyman, "Regenerative
    /// analysis and steady state distributions for Markov chains", Operations Research 33(5), 1985): the contexts are
    /// eliminated one by one from the last, each time folding the eliminated context's transitions into the others (the
    /// censored chain), then π follows by back-substitution.
    /// </summary>
    /// <remarks>
    /// The pivot is the eliminated context's total probability of moving to a remaining one, summed rather than
    /// computed as 1 − P(stay), so the algorithm never subtracts and every entry of π keeps a small relative error
    /// however badly the chain mixes (O'Cinneide, "Entrywise perturbation theory and error analysis for Markov chains",
    /// Numerische Mathematik 65, 1993). That is why it is used rather than power iteration: Dirichlet chains with
    /// small α are often nearly absorbing or nearly periodic (a row that puts less than 10⁻⁶ on all but one token),
    /// and iteration would need millions of steps, its rounding noise amplified by the mixing time far above 10⁻¹².
    /// The dense solve ignores that each context has only V successors, hence <see cref="MarkovDataOptions.MaxContexts"/>
    /// (2·n³/3 flops and n² doubles).
    /// </remarks>
    /// <exception cref="UserInputException">The chain is reducible: it has no unique stationary distribution.</exception>
    public static double[] StationaryDistribution(ReadOnlySpan<double> transition, int vocabularySize)
    {
        int n = transition.Length / vocabularySize;
        var matrix = new double[n * n];
        for (int s = 0; s < n; s++)
        {
            int first = Successor(s, 0, vocabularySize, n);
            transition.Slice(s * vocabularySize, vocabularySize).CopyTo(matrix.AsSpan(s * n + first, vocabularySize));
        }

        for (int last = n - 1; last > 0; last--)
        {
            ReadOnlySpan<double> lastRow = matrix.AsSpan(last * n, last);
            double leaving = 0;
            foreach (double p in lastRow)
                leaving += p;
            if (leaving <= 0)
                throw new UserInputException($"the Markov chain is reducible: context {last} never leads back to contexts 0 … {last - 1}; raise the concentration or change the seed");
            for (int i = 0; i < last; i++)
            {
                double toLast = matrix[i * n + last] /= leaving;
                if (toLast != 0)
                    TensorPrimitives.MultiplyAdd(lastRow, toLast, matrix.AsSpan(i * n, last), matrix.AsSpan(i * n, last));
            }
        }

        var stationary = new double[n];
        stationary[0] = 1;
        double total = 1;
        for (int j = 1; j < n; j++)
        {
            double sum = 0;
            for (int i = 0; i < j; i++)
                sum += stationary[i] * matrix[i * n + j];
            stationary[j] = sum;
            total += sum;
        }

        TensorPrimitives.Divide(stationary, total, stationary);
        return stationary;
    }

    /// <summary>
    /// The entropy rate H = Σ_s π(s) Σ_x P(x|s)·(−ln P(x|s)) in nats per token: the expected surprisal of the next
    /// token given the context, the floor of any model's cross-entropy on the chain's sequence. Zero probabilities
    /// contribute nothing (p ln p → 0).
    /// </summary>
    public static double EntropyRateNats(ReadOnlySpan<double> transition, ReadOnlySpan<double> stationary, int vocabularySize)
    {
        double rate = 0;
        for (int s = 0; s < stationary.Length; s++)
        {
            ReadOnlySpan<double> row = transition.Slice(s * vocabularySize, vocabularySize);
            double entropy = 0;
            foreach (double p in row)
            {
                if (p > 0)
                    entropy -= p * Math.Log(p);
            }

            rate += stationary[s] * entropy;
        }

        return rate;
    }

    /// <summary>The context after context <paramref name="context"/> emits <paramref name="token"/>.</summary>
    public static int Successor(int context, int token, int vocabularySize, int contexts) =>
        (int)(((long)context * vocabularySize + token) % contexts);
}
