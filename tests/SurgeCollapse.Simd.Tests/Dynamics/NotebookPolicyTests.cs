using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Kernels;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Dynamics;

public sealed class NotebookPolicyTests
{
    /// <summary>
    /// SPEC §3: collapse when (step + 1) % 100 == 0 and surge when (step + 1) % 200 == 0, so steps 100, 200, 300, …
    /// collapse and every 200th step collapses and then surges — run through the trainer on the default data.
    /// </summary>
    [Fact]
    public void Notebook_policy_reproduces_the_original_cadence_on_the_default_data()
    {
        var run = new DynamicsRun(new DynamicsOptions { Policy = DynamicsPolicy.Notebook });
        run.Steps(1_000);

        DynamicsEvent[] events = run.Trainer.Events.ToArray();
        long[] collapses = events.Where(e => e.Action == DynamicsAction.Collapse).Select(e => e.Step).ToArray();
        long[] surges = events.Where(e => e.Action == DynamicsAction.Surge).Select(e => e.Step).ToArray();
        Assert.Equal([100, 200, 300, 400, 500, 600, 700, 800, 900, 1_000], collapses);
        Assert.Equal([200, 400, 600, 800, 1_000], surges);
        for (int i = 0; i < events.Length; i++)
        {
            DynamicsEvent e = events[i];
            Assert.Equal(e.Action == DynamicsAction.Collapse ? DynamicsRule.ScheduledCollapse : DynamicsRule.ScheduledSurge, e.Rule);
            if (e.Action == DynamicsAction.Surge)
            {
                // Right after that step's collapse, and it re-seeds every zero.
                Assert.Equal((e.Step, DynamicsAction.Collapse), (events[i - 1].Step, events[i - 1].Action));
                Assert.Equal(0, e.SparsityAfter);
            }
            else
            {
                Assert.InRange(e.SparsityAfter, 0.4999, 0.5001);
                Assert.True(e.SparsityBefore < 0.01, $"step {e.Step}: {e.SparsityBefore} zero before the collapse");
            }
        }
    }

    /// <summary>
    /// The notebook prunes every parameter tensor, biases included, at its own median |w|, and keeps no mask: the next
    /// optimizer step moves the zeroed weights again.
    /// </summary>
    [Fact]
    public void Notebook_collapse_halves_every_tensor_and_keeps_no_mask()
    {
        var run = new DynamicsRun(new DynamicsOptions { Policy = DynamicsPolicy.Notebook });
        run.Steps(100);

        Assert.Null(run.Trainer.Masks);
        foreach (var parameter in run.Model.Parameters)
            Assert.Equal(parameter.Length / 2, Reductions.CountZeros(parameter.Value)); // distinct |w|: exactly n/2 below the median

        run.Step();
        Assert.True(run.Trainer.Sparsity() < 0.01, $"{run.Trainer.Sparsity()} of the weights still zero one step later");
    }
}
