namespace SurgeCollapse.Simd.PerfGate.Statistics;

/// <summary>Order statistics of a sample.</summary>
internal static class SampleStatistics
{
    /// <summary>The median (the mean of the two middle values for an even count).</summary>
    public static double Median(IReadOnlyList<double> sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.Count == 0)
            throw new ArgumentException("an empty sample has no median", nameof(sample));
        double[] sorted = [.. sample];
        Array.Sort(sorted);
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
}
