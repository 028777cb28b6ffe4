using SurgeCollapse.Simd.PerfGate.Statistics;
using Xunit;

namespace SurgeCollapse.Simd.PerfGate.Tests.Statistics;

public class SampleStatisticsTests
{
    [Fact]
    public void Median_of_odd_and_even_counts()
    {
        Assert.Equal(3, SampleStatistics.Median([5, 1, 3]));
        Assert.Equal(2.5, SampleStatistics.Median([4, 1, 3, 2]));
    }
}
