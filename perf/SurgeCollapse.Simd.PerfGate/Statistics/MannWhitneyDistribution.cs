namespace SurgeCollapse.Simd.PerfGate.Statistics;

/// <summary>The exact null distribution of U for sample sizes m and n without ties.</summary>
internal static class MannWhitneyDistribution
{
    /// <summary>
    /// counts[u] = the number of the C(m+n, m) rank arrangements whose U equals u, for u = 0 … m·n: how many m-subsets
    /// of the ranks 1 … m+n have the sum u + m(m+1)/2, by the subset-sum recursion (one rank at a time, subset sizes
    /// downward so that each rank is used once). Additions only: the product formula of the Gaussian binomial
    /// subtracts, and in doubles its cancellation wipes out the tails at 49 against 49 — exactly where p is read.
    /// Doubles hold the counts exactly up to 2⁵³ and to 1e-16 relative beyond (C(98, 49) ≈ 2.5e28).
    /// </summary>
    public static double[] Counts(int m, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        int offset = m * (m + 1) / 2; // the smallest rank sum
        int maxSum = offset + m * n;
        // ways[k, s]: k-subsets of the ranks seen so far with sum s.
        var ways = new double[m + 1, maxSum + 1];
        ways[0, 0] = 1;
        for (int rank = 1; rank <= m + n; rank++)
        {
            for (int k = Math.Min(rank, m); k >= 1; k--)
            {
                for (int s = maxSum; s >= rank; s--)
                    ways[k, s] += ways[k - 1, s - rank];
            }
        }

        var counts = new double[m * n + 1];
        for (int u = 0; u < counts.Length; u++)
            counts[u] = ways[m, u + offset];
        return counts;
    }

    /// <summary>C(m+n, m): the number of arrangements.</summary>
    public static double Total(int m, int n)
    {
        double total = 1;
        for (int i = 1; i <= Math.Min(m, n); i++)
            total = total * (Math.Max(m, n) + i) / i;
        return Math.Round(total);
    }
}
