using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Optimizers;
using SurgeCollapse.Simd.Sparsity;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Sparsity;

public sealed class SparsityMasksTests
{
    /// <summary>
    /// The gradient masks skip masks of all ones and follow every write made through <see cref="SparsityMasks.Keep"/> since
    /// the last call, whatever the order of calls; biases have no mask here.
    /// </summary>
    [Fact]
    public void Gradient_masks_are_handed_out_exactly_for_the_masks_that_prune_something_after_every_change()
    {
        var model = new Mlp([3, 4, 2], 1, seed: 7);
        var masks = new SparsityMasks(model.Parameters, includeBiases: false);
        float[] expected = new float[model.Parameters[0].Length]; // kept here: reading it back through Keep would reset the cache

        void Set(Action<float[]> change)
        {
            change(expected);
            expected.CopyTo(masks.Keep(0));
        }

        void Check(string when)
        {
            bool pruning = expected.Contains(0f);
            ReadOnlySpan<GradientMask?> handedOut = masks.GradientMasks();
            Assert.Equal(model.Parameters.Count, handedOut.Length);
            Assert.True(pruning == handedOut[0] is not null, $"{when}: layer 0's mask handed out: {handedOut[0] is not null}");
            for (int i = 0; pruning && i < expected.Length; i++)
                Assert.True(handedOut[0]!.Keeps(i) == (expected[i] != 0f), $"{when}: element {i} kept = {handedOut[0]!.Keeps(i)}, mask {expected[i]}");
            for (int i = 1; i < handedOut.Length; i++)
                Assert.True(handedOut[i] is null, $"{when}: parameter {i} has no pruned weight, yet its mask was handed out");
        }

        expected.AsSpan().Fill(1f);
        Check("all ones");
        Set(e => e[3] = 0f);
        Check("one pruned");
        Check("one pruned, again (from the cache)");
        Set(e => e.AsSpan().Fill(1f));
        Check("refilled with ones");
        Set(e => e[0] = 0f);
        Check("pruned again");
        Check("pruned again, from the cache");
        masks.Reset();
        expected.AsSpan().Fill(1f);
        Check("reset");
    }

    /// <summary>
    /// A step with gradient masks equals, bit for bit, a step on gradients set to zero where the mask prunes — NaN and
    /// −0 gradients there included, which the mask discards — and leaves the gradients as they were.
    /// </summary>
    [Theory]
    [InlineData("adam")]
    [InlineData("sgd")]
    public void A_masked_step_equals_a_step_on_masked_gradients_and_keeps_the_gradients(string optimizer)
    {
        Optimizer Create(IReadOnlyList<Parameter> parameters) => optimizer == "adam"
            ? new Adam(parameters, AdamOptions.AdamW)
            : new Sgd(parameters, new SgdOptions { LearningRate = 0.1, Momentum = 0.9, WeightDecay = 0.01 });
        Mlp masked = new([3, 4, 2], 1, seed: 7), reference = new([3, 4, 2], 1, seed: 7);
        var masks = new SparsityMasks(masked.Parameters, includeBiases: false);
        Span<float> keep = masks.Keep(0);
        for (int i = 0; i < keep.Length; i += 3)
            keep[i] = 0f;
        Optimizer withMasks = Create(masked.Parameters), plain = Create(reference.Parameters);

        for (int step = 0; step < 3; step++)
        {
            for (int p = 0; p < masked.Parameters.Count; p++)
            {
                float[] gradient = masked.Parameters[p].Gradient, referenceGradient = reference.Parameters[p].Gradient;
                for (int i = 0; i < gradient.Length; i++)
                    gradient[i] = i == 3 ? float.NaN : i == 6 ? -0f : (i + step) % 5 - 2.5f;
                for (int i = 0; i < gradient.Length; i++)
                    referenceGradient[i] = p == 0 && keep[i] == 0f ? 0f : gradient[i];
            }

            float[] before = masked.Parameters[0].Gradient.ToArray();
            withMasks.Step(masks.GradientMasks());
            plain.Step();
            Assert.Equal(before, masked.Parameters[0].Gradient);
            for (int p = 0; p < masked.Parameters.Count; p++)
            {
                float[] expected = reference.Parameters[p].Value, actual = masked.Parameters[p].Value;
                for (int i = 0; i < expected.Length; i++) // NaN need only be NaN: its payload depends on operand order
                {
                    Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]) || (float.IsNaN(expected[i]) && float.IsNaN(actual[i])),
                        $"{optimizer} step {step}, {masked.Parameters[p].Name}[{i}]: {actual[i]:R}, expected {expected[i]:R}");
                }
            }
        }
    }

    [Fact]
    public void A_step_refuses_masks_that_do_not_match_the_parameters()
    {
        var model = new Mlp([3, 4, 2], 1, seed: 7);
        var adam = new Adam(model.Parameters);
        ArgumentException count = Assert.Throws<ArgumentException>(() => adam.Step(new GradientMask?[1]));
        Assert.Contains("1 gradient masks for 4 parameters", count.Message);
        var masks = new GradientMask?[4];
        masks[2] = new GradientMask(5);
        ArgumentException length = Assert.Throws<ArgumentException>(() => adam.Step(masks));
        Assert.Contains("the gradient mask of layers.1.weight covers 5 elements; the parameter has 8", length.Message);
    }
}
