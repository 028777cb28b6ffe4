namespace SurgeCollapse.Simd.PerfGate.Statistics;

/// <summary>
/// The two-sided Mann–Whitney U (Wilcoxon rank-sum) test, computed as R's <c>wilcox.test(x, y)</c> does: exact when
/// both samples have fewer than <see cref="ExactLimit"/> values and there are no ties; otherwise the normal
/// approximation with the tie correction of the variance and a continuity correction of 0.5.
/// </summary>
internal static class MannWhitneyTest
{
    /// <summary>R's limit for the exact distribution (per sample).</summary>
    public const int ExactLimit = 50;

    /// <summary>Tests whether x and y come from one distribution.</summary>
    public static MannWhitneyResult Run(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count == 0 || y.Count == 0)
            throw new ArgumentException("both samples need at least one value", x.Count == 0 ? nameof(x) : nameof(y));
        int m = x.Count, n = y.Count;
        (double rankSumX, double tieTerm) = RankSumOfFirst(x, y);
        double u = rankSumX - m * (m + 1) / 2.0;
        if (m < ExactLimit && n < ExactLimit && tieTerm == 0)
            return new MannWhitneyResult(u, ExactTwoSided((int)u, m, n), Exact: true);
        return new MannWhitneyResult(u, NormalTwoSided(u, m, n, tieTerm), Exact: false);
    }

    /// <summary>The smallest two-sided p the exact test can give for these sizes: the gate cannot see anything
    /// with fewer iterations than this needs (3 against 3 gives 0.1).</summary>
    public static double SmallestPossiblePValue(int m, int n) => Math.Min(1.0, 2.0 / MannWhitneyDistribution.Total(m, n));

    /// <summary>Midranks of the pooled sample; returns x's rank sum and Σ(t³ − t) over tie groups.</summary>
    private static (double RankSumX, double TieTerm) RankSumOfFirst(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        int total = x.Count + y.Count;
        var pooled = new (double Value, bool FromX)[total];
        for (int i = 0; i < x.Count; i++)
            pooled[i] = (x[i], true);
        for (int j = 0; j < y.Count; j++)
            pooled[x.Count + j] = (y[j], false);
        Array.Sort(pooled, (a, b) => a.Value.CompareTo(b.Value));

        double rankSum = 0, tieTerm = 0;
        for (int start = 0; start < total;)
        {
            int end = start + 1;
            while (end < total && pooled[end].Value == pooled[start].Value)
                end++;
            double midrank = (start + 1 + end) / 2.0; // ranks start+1 … end share their mean
            int ties = end - start;
            tieTerm += (double)ties * ties * ties - ties;
            for (int k = start; k < end; k++)
            {
                if (pooled[k].FromX)
                    rankSum += midrank;
            }

            start = end;
        }

        return (rankSum, tieTerm);
    }

    private static double ExactTwoSided(int u, int m, int n)
    {
        // R: p = P(U ≥ u) above the centre, P(U ≤ u) at or below it; two-sided = min(2p, 1).
        double[] counts = MannWhitneyDistribution.Counts(m, n);
        double total = MannWhitneyDistribution.Total(m, n);
        double tail = 0;
        if (u > m * n / 2.0)
        {
            for (int k = u; k < counts.Length; k++)
                tail += counts[k];
        }
        else
        {
            for (int k = 0; k <= u; k++)
                tail += counts[k];
        }

        return Math.Min(1.0, 2.0 * tail / total);
    }

    private static double NormalTwoSided(double u, int m, int n, double tieTerm)
    {
        double total = m + n;
        double variance = m * (double)n / 12.0 * (total + 1 - tieTerm / (total * (total - 1)));
        if (variance <= 0)
            return 1.0; // every value equal: no evidence of any difference
        double z = u - m * (double)n / 2.0;
        z = (z - 0.5 * Math.Sign(z)) / Math.Sqrt(variance);
        return Math.Min(1.0, 2.0 * Math.Min(NormalDistribution.Cdf(z), NormalDistribution.Cdf(-z)));
    }
}
