using FsCheck.Xunit;
using SurgeCollapse.Simd.Kernels;
using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Sparsity;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Sparsity;

public sealed class CollapseTests
{
    /// <summary>
    /// Per tensor: τ equals the sorted-recipe quantile of |w| bit for bit, the number of zeros equals the number of
    /// |w| &lt; τ, every survivor is unchanged, and biases are untouched unless included.
    /// </summary>
    [Property(Arbitrary = [typeof(QuantileGenerators)], MaxTest = 60)]
    public void Per_tensor_collapse_zeroes_exactly_the_weights_below_the_quantile(QuantileCase test)
    {
        foreach (bool includeBiases in new[] { false, true })
        {
            var model = new Mlp([1 + test.Length % 37, 1 + test.Seed % 23, 3], 1, (ulong)test.Seed);
            if (test.Ties)
                QuantizeForTies(model);
            float[][] before = model.Parameters.Select(p => (float[])p.Value.Clone()).ToArray();
            var masks = new SparsityMasks(model.Parameters, includeBiases);
            var collapse = new Collapse(masks, new CollapseOptions { Sparsity = test.Q % 1f, IncludeBiases = includeBiases });
            collapse.Apply();

            for (int t = 0; t < model.Parameters.Count; t++)
            {
                Parameter parameter = model.Parameters[t];
                if (!parameter.IsWeight && !includeBiases)
                {
                    Assert.Equal(before[t], parameter.Value);
                    continue;
                }

                float tau = ReferenceThreshold(before[t], test.Q % 1f);
                Assert.Equal(BitConverter.SingleToInt32Bits(tau), BitConverter.SingleToInt32Bits(collapse.Thresholds[t]));
                CheckPruned(before[t], parameter.Value, masks.Keep(t), tau);
            }
        }
    }

    [Property(Arbitrary = [typeof(QuantileGenerators)], MaxTest = 40)]
    public void Global_collapse_uses_one_threshold_over_all_weight_matrices(QuantileCase test)
    {
        var model = new Mlp([1 + test.Length % 37, 1 + test.Seed % 23, 1 + test.Seed % 5], 1, (ulong)test.Seed);
        float[][] before = model.Parameters.Select(p => (float[])p.Value.Clone()).ToArray();
        var masks = new SparsityMasks(model.Parameters, includeBiases: false);
        new Collapse(masks, new CollapseOptions { Sparsity = 0.5, Scope = CollapseScope.Global }).Apply();

        float[] all = [.. before[0], .. before[2]];
        float tau = ReferenceThreshold(all, 0.5f);
        CheckPruned(before[0], model.Parameters[0].Value, masks.Keep(0), tau);
        CheckPruned(before[2], model.Parameters[2].Value, masks.Keep(2), tau);
        Assert.Equal(before[1], model.Parameters[1].Value);
        Assert.Equal(before[3], model.Parameters[3].Value);
    }

    [Property(MaxTest = 10)]
    public void Prune_kernel_equals_its_scalar_tail_on_every_path(int seed)
    {
        foreach (int length in Enumerable.Range(0, 257).Concat([511, 512, 513]))
        {
            const float Tau = 0.3f;
            float[] weights = SpecialValues.Sprinkle(Generators.RandomArray(length, seed + length), seed);
            for (int i = 0; i < length; i += 5)
                weights[i] = i % 2 == 0 ? Tau : -Tau; // |w| = τ exactly stays: the comparison is strict
            float[] keep = Generators.RandomArray(length, seed).Select(v => v > -0.5f ? 1f : 0f).ToArray();
            float[] expectedWeights = (float[])weights.Clone(), expectedKeep = (float[])keep.Clone();
            for (int i = 0; i < length; i++)
            {
                if (!(Math.Abs(weights[i]) >= Tau))
                    (expectedWeights[i], expectedKeep[i]) = (0f, 0f);
            }

            foreach (SimdWidth width in Generators.AllWidths)
            {
                float[] w = [.. weights, 42f], k = [.. keep, 42f];
                Collapse.Prune(w.AsSpan(0, length), k.AsSpan(0, length), Tau, width);
                Assert.Equal([.. expectedWeights, 42f], w);
                Assert.Equal([.. expectedKeep, 42f], k);
            }
        }
    }

    private static float ReferenceThreshold(float[] weights, float q)
    {
        float[] magnitudes = weights.Select(MathF.Abs).ToArray();
        Array.Sort(magnitudes);
        return Quantile.OfSorted(magnitudes, q);
    }

    private static void CheckPruned(float[] before, float[] after, ReadOnlySpan<float> keep, float tau)
    {
        int below = before.Count(w => MathF.Abs(w) < tau);
        Assert.Equal(below, after.Count(w => w == 0f) - before.Count(w => w == 0f && MathF.Abs(w) >= tau));
        for (int i = 0; i < before.Length; i++)
        {
            bool pruned = MathF.Abs(before[i]) < tau;
            Assert.Equal(pruned ? 0f : before[i], after[i]);
            Assert.Equal(pruned ? 0f : 1f, keep[i]);
        }
    }

    private static void QuantizeForTies(Mlp model)
    {
        foreach (Parameter parameter in model.Parameters)
        {
            for (int i = 0; i < parameter.Length; i++)
                parameter.Value[i] = MathF.Round(parameter.Value[i] * 8f) / 8f;
        }
    }
}
