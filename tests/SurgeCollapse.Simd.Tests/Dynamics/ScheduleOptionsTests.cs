using SurgeCollapse.Simd.Dynamics;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Dynamics;

public sealed class ScheduleOptionsTests
{
    [Fact]
    public void The_notebook_cadence_collapses_every_100th_step_and_surges_after_every_200th()
    {
        var schedule = new ScheduleOptions();
        var collapses = new List<long>();
        var surges = new List<long>();
        for (long step = 0; step < 1000; step++)
        {
            DynamicsAction action = schedule.At(step);
            if (action.HasFlag(DynamicsAction.Collapse))
                collapses.Add(step + 1);
            if (action.HasFlag(DynamicsAction.Surge))
            {
                Assert.True(action.HasFlag(DynamicsAction.Collapse), $"step {step + 1} surges without collapsing first");
                surges.Add(step + 1);
            }
        }

        Assert.Equal(Enumerable.Range(1, 10).Select(i => 100L * i), collapses);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => 200L * i), surges);
    }
}
