using SurgeCollapse.Simd.Model;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Model;

public sealed class ParameterTests
{
    [Fact]
    public void Matrix_views_index_weights_by_out_and_in_as_PyTorch_does()
    {
        var weight = new Parameter("layers.0.weight", 3, 5);
        for (int i = 0; i < weight.Length; i++)
            weight.Value[i] = i;
        Assert.Equal(3, weight.AsMatrix().Height);
        Assert.Equal(5, weight.AsMatrix().Width);
        Assert.Equal(2 * 5 + 4, weight.AsMatrix()[2, 4]); // row-major [out, in]
        weight.GradientAsMatrix()[1, 2] = 7f;
        Assert.Equal(7f, weight.Gradient[1 * 5 + 2]);

        var bias = new Parameter("layers.0.bias", 4);
        Assert.Equal(1, bias.AsMatrix().Height);
        Assert.Equal(4, bias.AsMatrix().Width);
    }
}
