using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Noise;
using SurgeCollapse.Simd.Optimizers;
using SurgeCollapse.Simd.Sparsity;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Sparsity;

public sealed class SurgeTests
{
    [Fact]
    public void Noise_surge_with_fraction_one_reexpands_every_pruned_weight_with_std_r()
    {
        var model = new Mlp([128, 256, 128], 1, seed: 3);
        var masks = new SparsityMasks(model.Parameters, includeBiases: false);
        new Collapse(masks, new CollapseOptions()).Apply();
        Span<float> keep = masks.Keep(0);
        bool[] wasPruned = keep.ToArray().Select(k => k == 0f).ToArray();
        var surge = new Surge(model.Parameters[0].Length, new SurgeOptions { RecoveryFactor = 0.1 });
        float[] normals = Normals(model.Parameters[0].Length, seed: 4);
        var random = new Xoshiro256(5);

        int count = surge.Apply(model.Parameters[0].Value, keep, [], normals, ref random);

        Assert.Equal(wasPruned.Count(p => p), count);
        Assert.DoesNotContain(0f, keep.ToArray());
        double[] reexpanded = Enumerable.Range(0, wasPruned.Length).Where(i => wasPruned[i]).Select(i => (double)model.Parameters[0].Value[i]).ToArray();
        double mean = reexpanded.Average();
        double std = Math.Sqrt(reexpanded.Sum(v => (v - mean) * (v - mean)) / (reexpanded.Length - 1));
        // ~16,000 draws: the sample std of r·z has standard error r/√(2N) ≈ 0.00056; allow 5 of them.
        Assert.InRange(std, 0.1 - 0.0028, 0.1 + 0.0028);
        for (int i = 0; i < wasPruned.Length; i++)
            Assert.Equal(wasPruned[i] ? 0f : 1f, surge.StateKeep[i]);
    }

    [Fact]
    public void Gradient_regrowth_picks_exactly_the_pruned_positions_with_the_largest_gradient()
    {
        float[] weights = [0f, 1f, 0f, 0f, 2f, 0f, 0f, 0f];
        float[] keep = [0f, 1f, 0f, 0f, 1f, 0f, 0f, 0f];
        float[] gradient = [0.5f, 9f, -3f, 0.1f, 9f, 2f, -2f, 0f]; // pruned |g|: 0.5, 3, 0.1, 2, 2, 0
        var surge = new Surge(8, new SurgeOptions { Strategy = SurgeStrategy.Gradient, Fraction = 0.5, RecoveryFactor = 1 });
        var random = new Xoshiro256(1);
        int count = surge.Apply(weights, keep, gradient, [1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f], ref random);

        // 6 pruned, f = 0.5 → 3: |g| = 3 (position 2), then the tie at 2 between positions 5 and 6 → both.
        Assert.Equal(3, count);
        Assert.Equal([0f, 1f, 1f, 0f, 1f, 1f, 1f, 0f], keep);
        Assert.Equal([0f, 1f, 1f, 0f, 2f, 1f, 1f, 0f], weights);
    }

    [Fact]
    public void Gradient_regrowth_breaks_ties_at_the_boundary_by_position()
    {
        float[] keep = [0f, 0f, 0f, 0f];
        var surge = new Surge(4, new SurgeOptions { Strategy = SurgeStrategy.Gradient, Fraction = 0.5, RecoveryFactor = 1 });
        var random = new Xoshiro256(1);
        surge.Apply(new float[4], keep, [1f, 1f, 1f, 1f], [1f, 1f, 1f, 1f], ref random);
        Assert.Equal([1f, 1f, 0f, 0f], keep);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(1.0)]
    public void Random_regrowth_picks_the_requested_count_among_pruned_positions_only(double fraction)
    {
        var random = new Random(2);
        float[] keep = Enumerable.Range(0, 1000).Select(_ => random.Next(3) == 0 ? 1f : 0f).ToArray();
        float[] before = (float[])keep.Clone();
        int pruned = before.Count(k => k == 0f);
        var surge = new Surge(1000, new SurgeOptions { Strategy = SurgeStrategy.Random, Fraction = fraction });
        var generator = new Xoshiro256(3);
        int count = surge.Apply(new float[1000], keep, [], new float[1000], ref generator);

        Assert.Equal((int)Math.Round(fraction * pruned), count);
        Assert.Equal(count, keep.Count(k => k == 1f) - before.Count(k => k == 1f));
        for (int i = 0; i < keep.Length; i++)
            Assert.True(before[i] == 0f || keep[i] == 1f, $"active position {i} was touched");
    }

    /// <summary>
    /// With gradients masked every step and optimizer state cleared at the collapse, pruned weights stay exactly zero
    /// through many Adam and SGD-momentum steps with non-zero gradients, and Adam's moments there stay zero.
    /// </summary>
    [Theory]
    [InlineData("adam")]
    [InlineData("adamw")]
    [InlineData("sgd")]
    public void Masked_weights_stay_exactly_zero_through_optimizer_steps(string name)
    {
        var model = new Mlp([16, 32, 8], 1, seed: 7);
        Optimizer optimizer = name switch
        {
            "adam" => new Adam(model.Parameters),
            "adamw" => new Adam(model.Parameters, AdamOptions.AdamW),
            _ => new Sgd(model.Parameters, new SgdOptions { LearningRate = 0.01, Momentum = 0.9, WeightDecay = 1e-3 }),
        };
        var random = new Random(8);
        void Step()
        {
            foreach (Parameter parameter in model.Parameters)
            {
                for (int i = 0; i < parameter.Length; i++)
                    parameter.Gradient[i] = (float)(random.NextDouble() - 0.5);
            }
        }

        for (int i = 0; i < 20; i++) // build up optimizer state everywhere first
        {
            Step();
            optimizer.Step();
        }

        var masks = new SparsityMasks(model.Parameters, includeBiases: false);
        new Collapse(masks, new CollapseOptions()).Apply();
        for (int t = 0; t < model.Parameters.Count; t++)
        {
            if (masks.IsMasked(t))
                optimizer.MaskState(t, masks.Keep(t));
        }

        for (int i = 0; i < 500; i++)
        {
            Step();
            optimizer.Step(masks.GradientMasks());
        }

        for (int t = 0; t < model.Parameters.Count; t++)
        {
            if (!masks.IsMasked(t))
                continue;
            Span<float> keep = masks.Keep(t);
            for (int i = 0; i < keep.Length; i++)
            {
                if (keep[i] != 0f)
                    continue;
                Assert.Equal(0f, model.Parameters[t].Value[i]);
                if (optimizer is Adam adam)
                    Assert.True(adam.FirstMoment(t)[i] == 0f && adam.SecondMoment(t)[i] == 0f, $"{model.Parameters[t].Name}[{i}] has Adam state");
            }
        }
    }

    private static float[] Normals(int length, ulong seed)
    {
        var random = new Xoshiro256(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++)
            values[i] = (float)random.NextGaussian();
        return values;
    }
}
