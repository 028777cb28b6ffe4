namespace SurgeCollapse.Simd.Statistics;

/// <summary>
/// Mean and sample standard deviation of a handful of values (one per seed, one per pair): the numbers a sweep report
/// puts behind every "mean ± sd". Computed in double with two passes, so a constant sample has exactly zero spread.
/// </summary>
public static class Descriptive
{
    /// <summary>The arithmetic mean; NaN for an empty sample.</summary>
    /// <param name="values">The sample.</param>
    public static double Mean(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
            return double.NaN;
        double sum = 0;
        foreach (double value in values)
            sum += value;
        return sum / values.Length;
    }

    /// <summary>
    /// The sample standard deviation √(Σ (xᵢ − x̄)² / (n − 1)), Bessel-corrected; NaN for fewer than two values, where
    /// it is not defined (zero would claim a certainty that one value cannot give).
    /// </summary>
    /// <param name="values">The sample.</param>
    public static double SampleStandardDeviation(ReadOnlySpan<double> values)
    {
        if (values.Length < 2)
            return double.NaN;
        double mean = Mean(values);
        double squares = 0;
        foreach (double value in values)
        {
            double deviation = value - mean;
            squares += deviation * deviation;
        }

        return Math.Sqrt(squares / (values.Length - 1));
    }
}
