using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Kernels;
using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Sparsity;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Dynamics;

public sealed class ScheduledPolicyTests
{
    /// <summary>
    /// SPEC §3–§4 through the trainer: after the collapse at step 100 the pruned weights and their Adam moments stay
    /// exactly zero through 99 optimizer steps with non-zero gradients; the surge at step 200 (noise, f = 1) re-expands
    /// every one of them to r·z with fresh optimizer state.
    /// </summary>
    [Fact]
    public void Pruned_weights_stay_zero_until_the_surge_reexpands_them()
    {
        var run = new DynamicsRun(new DynamicsOptions { Policy = DynamicsPolicy.Scheduled });
        run.Steps(100);
        SparsityMasks masks = run.Trainer.Masks!;
        int[] weights = [.. Enumerable.Range(0, run.Model.Parameters.Count).Where(i => run.Model.Parameters[i].IsWeight)];
        bool[][] pruned = [.. weights.Select(i => masks.Keep(i).ToArray().Select(k => k == 0f).ToArray())];
        foreach (int i in weights)
            Assert.Equal(run.Model.Parameters[i].Length / 2, pruned[Array.IndexOf(weights, i)].Count(p => p));
        Assert.All(run.Model.Parameters.Where(p => !p.IsWeight), bias => Assert.Equal(0, Reductions.CountZeros(bias.Value)));

        for (int step = 101; step < 200; step++)
        {
            run.Step();
            for (int w = 0; w < weights.Length; w++)
                AssertPrunedAreZero(run, weights[w], pruned[w], step);
        }

        Assert.Contains(run.Model.Parameters[0].Gradient, g => g != 0f);
        run.Step();
        var reexpanded = new List<double>();
        for (int w = 0; w < weights.Length; w++)
        {
            Parameter parameter = run.Model.Parameters[weights[w]];
            Assert.DoesNotContain(0f, masks.Keep(weights[w]).ToArray());
            for (int j = 0; j < parameter.Length; j++)
            {
                if (!pruned[w][j])
                    continue;
                reexpanded.Add(parameter.Value[j]);
                Assert.Equal(0f, run.Optimizer.FirstMoment(weights[w])[j]);
                Assert.Equal(0f, run.Optimizer.SecondMoment(weights[w])[j]);
            }
        }

        double mean = reexpanded.Average();
        double std = Math.Sqrt(reexpanded.Sum(v => (v - mean) * (v - mean)) / (reexpanded.Count - 1));
        // 32,768 draws of r·z: the sample std has standard error r/√(2N) ≈ 0.0004; allow 5 of them.
        Assert.InRange(std, 0.1 - 0.002, 0.1 + 0.002);
    }

    private static void AssertPrunedAreZero(DynamicsRun run, int index, bool[] pruned, int step)
    {
        float[] values = run.Model.Parameters[index].Value;
        ReadOnlySpan<float> m = run.Optimizer.FirstMoment(index), v = run.Optimizer.SecondMoment(index);
        for (int j = 0; j < values.Length; j++)
        {
            if (pruned[j] && (values[j] != 0f || m[j] != 0f || v[j] != 0f))
                Assert.Fail($"step {step}: {run.Model.Parameters[index].Name}[{j}] = {values[j]}, moments {m[j]}, {v[j]}");
        }
    }

    /// <summary>
    /// RigL through the trainer: the surge must read the whole gradient (masked, it would be zero at every pruned
    /// position, which would leave only ties). A twin run, identical up to step 199, computes that dense gradient on the
    /// same batch; every re-expanded position must have a |gradient| at least as large as every position left pruned.
    /// </summary>
    [Fact]
    public void Gradient_regrowth_ranks_pruned_positions_by_the_gradient_before_masking()
    {
        var options = new DynamicsOptions
        {
            Policy = DynamicsPolicy.Scheduled,
            Surge = new SurgeOptions { Strategy = SurgeStrategy.Gradient, Fraction = 0.25 },
        };
        DynamicsRun run = new(options), twin = new(options);
        run.Steps(199);
        twin.Steps(199);
        int[] weights = [.. Enumerable.Range(0, run.Model.Parameters.Count).Where(i => run.Model.Parameters[i].IsWeight)];
        float[][] keepBefore = [.. weights.Select(i => run.Trainer.Masks!.Keep(i).ToArray())];

        twin.NextBatch();
        twin.Plain.ForwardAndLoss(twin.Inputs, twin.Targets, twin.Rows);
        twin.Plain.Backward(twin.Inputs, twin.Rows);
        run.Step();

        for (int w = 0; w < weights.Length; w++)
        {
            float[] dense = twin.Model.Parameters[weights[w]].Gradient;
            Span<float> keepAfter = run.Trainer.Masks!.Keep(weights[w]);
            float weakestRegrown = float.PositiveInfinity, strongestLeft = 0f;
            int regrown = 0;
            for (int j = 0; j < dense.Length; j++)
            {
                if (keepBefore[w][j] == 0f && keepAfter[j] == 1f)
                {
                    weakestRegrown = Math.Min(weakestRegrown, Math.Abs(dense[j]));
                    regrown++;
                }
                else if (keepAfter[j] == 0f)
                {
                    strongestLeft = Math.Max(strongestLeft, Math.Abs(dense[j]));
                }
            }

            Assert.True(regrown > 1_000, $"{regrown} regrown");
            Assert.True(strongestLeft > 0f, "the pruned positions' dense gradient is all zero");
            Assert.True(weakestRegrown >= strongestLeft, $"{run.Model.Parameters[weights[w]].Name}: regrown |g| ≥ {weakestRegrown}, left pruned |g| up to {strongestLeft}");
        }
    }
}
