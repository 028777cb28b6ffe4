using FsCheck.Xunit;
using SurgeCollapse.Simd.Kernels;
using SurgeCollapse.Simd.Tests.Reference;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Kernels;

public sealed class ActivationsTests
{
    /// <summary>Every length 0..256 and 511..513 (DESIGN 17), with NaN, ±∞ and ±0 among the values.</summary>
    private static IEnumerable<int> Lengths => Enumerable.Range(0, 257).Concat([511, 512, 513]);

    [Property(MaxTest = 10)]
    public void Relu_equals_the_reference_bit_for_bit_and_leaves_the_sentinel(int seed)
    {
        foreach (int length in Lengths)
        {
            float[] input = SpecialValues.Sprinkle(Generators.RandomArray(length, seed + length), seed);
            var output = new float[length + 1];
            output[length] = 42f;
            Activations.Relu(input, output.AsSpan(0, length));
            for (int i = 0; i < length; i++)
                Assert.Equal(BitConverter.SingleToInt32Bits(KernelReference.Relu(input[i])), BitConverter.SingleToInt32Bits(output[i]));
            Assert.Equal(42f, output[length]);
        }
    }

    [Property(MaxTest = 10)]
    public void Relu_backward_equals_the_reference_on_every_path(int seed)
    {
        foreach (int length in Lengths)
        {
            float[] output = SpecialValues.Sprinkle(Generators.RandomArray(length, seed + length), seed);
            float[] dOutput = SpecialValues.Sprinkle(Generators.RandomArray(length, seed - length), seed + 1);
            foreach (SimdWidth width in Generators.AllWidths)
            {
                var dInput = new float[length + 1];
                dInput[length] = 42f;
                Activations.ReluBackward(output, dOutput, dInput.AsSpan(0, length), width);
                for (int i = 0; i < length; i++)
                {
                    float expected = KernelReference.ReluBackward(output[i], dOutput[i]);
                    Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(dInput[i]),
                        $"{width}, length {length}, index {i}: output {output[i]}, dOutput {dOutput[i]} gave {dInput[i]}, expected {expected}");
                }

                Assert.Equal(42f, dInput[length]);
            }
        }
    }

    [Fact]
    public void Relu_backward_may_write_over_its_gradient_input()
    {
        float[] output = [1f, 0f, -2f, 3f, 0.5f, -0f, 7f, 1f, 2f];
        float[] gradient = [10f, 20f, 30f, 40f, 50f, 60f, 70f, 80f, 90f];
        Activations.ReluBackward(output, gradient, gradient);
        Assert.Equal([10f, 0f, 0f, 40f, 50f, 0f, 70f, 80f, 90f], gradient);
    }
}
