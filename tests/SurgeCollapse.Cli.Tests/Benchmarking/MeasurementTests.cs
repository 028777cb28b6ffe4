using SurgeCollapse.Cli.Benchmarking;
using Xunit;

namespace SurgeCollapse.Cli.Tests.Benchmarking;

public sealed class MeasurementTests
{
    /// <summary>
    /// A policy always 0.9 of the plain step in the same repetition, while the machine's speed changes a hundredfold
    /// between repetitions: the paired fraction is 0.9; dividing by another repetition's plain rate would not be.
    /// </summary>
    [Fact]
    public void The_fraction_of_the_first_workload_pairs_rates_of_the_same_repetition()
    {
        float[][] rates = [[100f, 1f, 10f], [90f, 0.9f, 9f], [50f, 0.5f, 5f]];
        (double Median, double FractionOfFirst)[] summary = Measurement.Paired(rates);
        Assert.Equal([10.0, 9.0, 5.0], summary.Select(s => s.Median).Select(m => Math.Round(m, 4)));
        Assert.Equal([1.0, 0.9, 0.5], summary.Select(s => Math.Round(s.FractionOfFirst, 6)));
        Assert.Equal([100f, 1f, 10f], rates[0]); // left in repetition order
    }
}
