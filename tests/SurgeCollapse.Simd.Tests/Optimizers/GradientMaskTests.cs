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
    }

    [Fact]
    public void Copying_a_mask_of_the_wrong_length_names_both_lengths()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => new GradientMask(4).CopyFrom([1f, 0f]));
        Assert.Contains("covers 4 elements, got 2 entries", error.Message);
    }
}
