using FsCheck.Xunit;
using SurgeCollapse.Simd.Kernels;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Kernels;

public sealed class BiasTests
{
    /// <summary>Rows 1..17 and widths 1..300 from FsCheck's integers, so odd sizes and remainders dominate.</summary>
    private static (int Rows, int Width) Shape(byte rows, int width) => (1 + rows % 17, 1 + (int)((uint)width % 300));

    [Property(MaxTest = 60)]
    public void Broadcast_and_add_put_the_bias_on_every_row_and_nothing_past_them(byte rowSeed, int widthSeed)
    {
        var (rows, width) = Shape(rowSeed, widthSeed);
        float[] bias = Generators.RandomArray(width, widthSeed);
        float[] start = Generators.RandomArray(rows * width + 1, rowSeed);
        float[] broadcast = (float[])start.Clone(), added = (float[])start.Clone();
        Bias.Broadcast(bias, broadcast, rows);
        Bias.Add(bias, added, rows);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < width; j++)
            {
                Assert.Equal(bias[j], broadcast[i * width + j]);
                Assert.Equal(start[i * width + j] + bias[j], added[i * width + j]); // one float addition, exact order
            }
        }

        Assert.Equal(start[^1], broadcast[^1]);
        Assert.Equal(start[^1], added[^1]);
    }

    [Property(MaxTest = 60)]
    public void Backward_sums_each_column_in_row_order_bit_for_bit(byte rowSeed, int widthSeed)
    {
        // The documented association is row order, so the scalar reference must agree to the last bit.
        var (rows, width) = Shape(rowSeed, widthSeed);
        float[] dOutput = Generators.RandomArray(rows * width, widthSeed);
        var dBias = new float[width + 1];
        dBias[width] = 42f;
        Bias.Backward(dOutput, rows, dBias.AsSpan(0, width));
        for (int j = 0; j < width; j++)
        {
            float sum = 0f;
            for (int i = 0; i < rows; i++)
                sum += dOutput[i * width + j];
            Assert.Equal(sum, dBias[j]);
        }

        Assert.Equal(42f, dBias[width]);
    }

    [Fact]
    public void Too_few_rows_in_the_output_are_rejected_with_the_argument_named()
    {
        var error = Assert.Throws<ArgumentException>(() => Bias.Broadcast(new float[4], new float[7], 2));
        Assert.Equal("output", error.ParamName);
    }
}
