using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Sparsity;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Sparsity;

public sealed class SparsityMasksTests
{
    /// <summary>
    /// Masking skips masks of all ones (multiplying by 1 changes no bit, NaN and −0 included) and sees every write made
    /// through <see cref="SparsityMasks.Keep"/> since the last call, whatever the order of calls.
    /// </summary>
    [Fact]
    public void Masking_changes_exactly_the_pruned_gradients_after_every_change_of_a_mask()
    {
        var model = new Mlp([3, 4, 2], 1, seed: 7);
        var masks = new SparsityMasks(model.Parameters, includeBiases: false);
        float[] gradient = model.Parameters[0].Gradient;

        void Check(string when)
        {
            float[] before = [.. Enumerable.Range(0, gradient.Length).Select(i => i == 5 ? float.NaN : i == 6 ? -0f : i + 0.5f)];
            before.CopyTo(gradient, 0);
            masks.MaskGradients();
            float[] keep = masks.Keep(0).ToArray();
            for (int i = 0; i < gradient.Length; i++)
            {
                float expected = keep[i] == 0f ? before[i] * 0f : before[i];
                Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(gradient[i]),
                    $"{when}, element {i}: {gradient[i]:R}, expected {expected:R}");
            }
        }

        Check("all ones");
        masks.Keep(0)[3] = 0f;
        Check("one pruned");
        Check("one pruned, again");
        masks.Keep(0).Fill(1f);
        Check("refilled with ones");
        masks.Keep(0)[0] = 0f;
        Check("pruned again");
        masks.Reset();
        Check("reset");
    }
}
