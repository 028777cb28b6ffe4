namespace SurgeCollapse.Simd.Statistics;

/// <summary>The size, mean and sample standard deviation of a sample, as a report prints "mean ± sd (n)".</summary>
/// <param name="Count">Number of values.</param>
/// <param name="Mean">Arithmetic mean; NaN when <paramref name="Count"/> is 0.</param>
/// <param name="StandardDeviation">Sample (n − 1) standard deviation; NaN when <paramref name="Count"/> is below 2.</param>
public readonly record struct SampleSummary(int Count, double Mean, double StandardDeviation)
{
    /// <summary>Summarises <paramref name="values"/> (see <see cref="Descriptive"/>).</summary>
    /// <param name="values">The sample.</param>
    public static SampleSummary Of(ReadOnlySpan<double> values) =>
        new(values.Length, Descriptive.Mean(values), Descriptive.SampleStandardDeviation(values));
}
