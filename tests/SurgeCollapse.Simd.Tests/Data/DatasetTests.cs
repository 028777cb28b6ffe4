using FsCheck;
using FsCheck.Xunit;
using SurgeCollapse.Simd.Data;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Data;

public sealed class DatasetTests
{
    /// <summary>Sample i has input [i, i + 0.5] and target [−i]: every row says where it came from.</summary>
    internal static Dataset Indexed(int count)
    {
        var inputs = new float[count * 2];
        var targets = new float[count];
        for (int i = 0; i < count; i++)
        {
            inputs[2 * i] = i;
            inputs[2 * i + 1] = i + 0.5f;
            targets[i] = -i;
        }

        return new Dataset(inputs, targets, inputSize: 2, targetSize: 1);
    }

    [Fact]
    public void Rows_are_read_row_major()
    {
        Dataset dataset = Indexed(5);
        Assert.Equal((5, 2, 1), (dataset.Count, dataset.InputSize, dataset.TargetSize));
        Assert.Equal([3f, 3.5f], dataset.InputRow(3).ToArray());
        Assert.Equal([-3f], dataset.TargetRow(3).ToArray());
        Assert.Equal(10, dataset.Inputs.Length);
    }

    [Fact]
    public void The_dataset_keeps_its_own_copy()
    {
        float[] inputs = [1, 2], targets = [3];
        var dataset = new Dataset(inputs, targets, 2, 1);
        inputs[0] = 99;
        targets[0] = 99;
        Assert.Equal(1f, dataset.Inputs[0]);
        Assert.Equal(3f, dataset.Targets[0]);
    }

    [Fact]
    public void Mismatched_lengths_are_rejected_with_the_argument_named()
    {
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => new Dataset(new float[5], new float[2], 2, 1)).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => new Dataset(new float[4], new float[3], 2, 1)).ParamName);
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new Dataset(new float[4], new float[2], 0, 1));
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new Dataset(new float[4], new float[2], 2, 0));
    }

    [Fact]
    public void Default_split_holds_out_the_last_tenth_in_order()
    {
        (Dataset training, Dataset validation) = Indexed(10_000).Split();
        Assert.Equal(9_000, training.Count);
        Assert.Equal(1_000, validation.Count);
        Assert.Equal(0f, training.InputRow(0)[0]);
        Assert.Equal(8_999f, training.InputRow(8_999)[0]);
        Assert.Equal(9_000f, validation.InputRow(0)[0]);
        Assert.Equal(-9_999f, validation.TargetRow(999)[0]);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Split_rejects_fractions_outside_0_to_1(double fraction)
    {
        var error = Assert.ThrowsAny<ArgumentOutOfRangeException>(() => Indexed(10).Split(fraction));
        Assert.Equal("validationFraction", error.ParamName);
    }

    [Fact]
    public void Slice_is_a_view_of_consecutive_samples()
    {
        Dataset slice = Indexed(10).Slice(4, 3);
        Assert.Equal(3, slice.Count);
        Assert.Equal([4f, 4.5f, 5f, 5.5f, 6f, 6.5f], slice.Inputs.ToArray());
        Assert.Equal([-4f, -5f, -6f], slice.Targets.ToArray());
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => Indexed(10).Slice(8, 3));
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => Indexed(10).Slice(-1, 1));
    }

    [Property]
    public void Split_partitions_the_samples_in_order(NonNegativeInt count, byte percent)
    {
        int n = count.Get % 1000;
        double fraction = percent % 100 / 100.0;
        (Dataset training, Dataset validation) = Indexed(n).Split(fraction);
        Assert.Equal(n, training.Count + validation.Count);
        Assert.Equal((int)Math.Round(n * fraction, MidpointRounding.AwayFromZero), validation.Count);
        for (int i = 0; i < n; i++)
        {
            float input = i < training.Count ? training.InputRow(i)[0] : validation.InputRow(i - training.Count)[0];
            Assert.Equal(i, input);
        }
    }
}
