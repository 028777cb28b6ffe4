using SurgeCollapse.Simd.Optimizers;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Optimizers;

public sealed class GradientMaskTests
{
    [Fact]
    public void A_new_mask_keeps_everything_and_a_copied_one_prunes_exactly_the_zero_entries()
    {
        var mask = new GradientMask(5);
        Assert.All(Enumerable.Range(0, 5), i => Assert.True(mask.Keeps(i)));
        mask.CopyFrom([1f, 0f, -0f, 0.5f, float.NaN]);
        Assert.Equal([true, false, false, true, true], Enumerable.Range(0, 5).Select(mask.Keeps));

        // Past the vector blocks of 32 and their tail: every kind of entry at every position.
        float[] kinds = [1f, 0f, -0f, 0.5f, float.NaN, float.NegativeInfinity, -3f];
        var random = new Random(5);
        float[] keep = [.. Enumerable.Range(0, 101).Select(_ => kinds[random.Next(kinds.Length)])];
        var longer = new GradientMask(keep.Length);
        longer.CopyFrom(keep);
        for (int i = 0; i < keep.Length; i++)
            Assert.True(longer.Keeps(i) == (keep[i] != 0f), $"element {i} ({keep[i]}): kept = {longer.Keeps(i)}");
    }

    [Fact]
    public void Copying_a_mask_of_the_wrong_length_names_both_lengths()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => new GradientMask(4).CopyFrom([1f, 0f]));
        Assert.Contains("covers 4 elements, got 2 entries", error.Message);
    }

    [Fact]
    public void The_kernels_refuse_a_mask_of_another_length_even_an_empty_one()
    {
        float[] param = new float[4], grad = new float[4], m = new float[4], v = new float[4];
        var scalars = new AdamScalars(new AdamOptions(), 1e-3, 1);
        ArgumentException adam = Assert.Throws<ArgumentException>(() => AdamKernel.Update(param, grad, new GradientMask(0), m, v, scalars));
        Assert.Contains("covers 0 elements, expected 4", adam.Message);
        var sgd = new SgdScalars(new SgdOptions(), 0.1, isFirstStep: true);
        Assert.Throws<ArgumentException>(() => SgdKernel.Update(param, grad, new GradientMask(5), m, sgd));
    }
}
