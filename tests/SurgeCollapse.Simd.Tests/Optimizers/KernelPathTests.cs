using System.Runtime.Intrinsics;
using FsCheck.Xunit;
using SurgeCollapse.Simd.Kernels;
using SurgeCollapse.Simd.Optimizers;
using Xunit;
using Xunit.Sdk;

namespace SurgeCollapse.Simd.Tests.Optimizers;

/// <summary>
/// Every vector path of the optimizer kernels gives, bit for bit, what the scalar reference gives: the operations are
/// element-wise IEEE ones (fused multiply-add, sqrt and division correctly rounded, in software too), done in the same
/// order on every path, with a gradient mask or without. A sentinel just past each span must survive.
/// </summary>
public sealed class KernelPathTests
{
    private const float Sentinel = 1234.5f;

    [Property(Arbitrary = [typeof(OptimizerGenerators)])]
    public void Sgd_paths_equal_the_reference_bit_for_bit(SgdCase test)
    {
        Span<float> View(float[] values) => values.AsSpan(test.Offset, test.Length);
        var scalars = new SgdScalars(test.Options, test.Options.LearningRate, test.IsFirstStep);
        float[] param = Inputs(test.Length, test.Offset, test.Seed);
        float[] grad = Inputs(test.Length, test.Offset, test.Seed + 1);
        float[] buffer = Inputs(test.Length, test.Offset, test.Seed + 2);
        ReadOnlySpan<sbyte> keepLanes = KeepLanes(test.Length, test.Offset, test.Seed + 3);
        float[] expectedParam = (float[])param.Clone(), expectedBuffer = (float[])buffer.Clone();
        SgdKernel.UpdateReference(View(expectedParam), View(grad), keepLanes, View(expectedBuffer), scalars);

        foreach (SimdWidth width in Generators.AllWidths)
        {
            float[] actualParam = (float[])param.Clone(), actualBuffer = (float[])buffer.Clone();
            SgdKernel.Update(View(actualParam), View(grad), keepLanes, View(actualBuffer), scalars, width);
            AssertSame(expectedParam, actualParam, $"param, {width}, {test}");
            AssertSame(expectedBuffer, actualBuffer, $"momentum buffer, {width}, {test}");
        }
    }

    [Property(Arbitrary = [typeof(OptimizerGenerators)])]
    public void Adam_paths_equal_the_reference_bit_for_bit(AdamCase test)
    {
        Span<float> View(float[] values) => values.AsSpan(test.Offset, test.Length);
        var scalars = new AdamScalars(test.Options, test.Options.LearningRate, test.Step);
        float[] param = Inputs(test.Length, test.Offset, test.Seed);
        float[] grad = Inputs(test.Length, test.Offset, test.Seed + 1);
        float[] m = Inputs(test.Length, test.Offset, test.Seed + 2);
        float[] v = Inputs(test.Length, test.Offset, test.Seed + 3, nonNegative: true);
        ReadOnlySpan<sbyte> keepLanes = KeepLanes(test.Length, test.Offset, test.Seed + 4);
        float[] expectedParam = (float[])param.Clone(), expectedM = (float[])m.Clone(), expectedV = (float[])v.Clone();
        AdamKernel.UpdateReference(View(expectedParam), View(grad), keepLanes, View(expectedM), View(expectedV), scalars);

        foreach (SimdWidth width in Generators.AllWidths)
        {
            float[] actualParam = (float[])param.Clone(), actualM = (float[])m.Clone(), actualV = (float[])v.Clone();
            AdamKernel.Update(View(actualParam), View(grad), keepLanes, View(actualM), View(actualV), scalars, width);
            AssertSame(expectedParam, actualParam, $"param, {width}, {test}");
            AssertSame(expectedM, actualM, $"m, {width}, {test}");
            AssertSame(expectedV, actualV, $"v, {width}, {test}");
        }
    }

    [Fact]
    public void Fused_multiply_add_rounds_once_on_every_path()
    {
        // (1 + 2⁻²³)(1 − 2⁻²³) − 1 = −2⁻⁴⁶ exactly; a multiply then an add would round the product to 1 and give 0.
        // This holds where the JIT emits FMA instructions and where .NET emulates them (DOTNET_EnableHWIntrinsic=0,
        // or Vector512 without AVX-512), which the bit-for-bit properties above rely on.
        float a = BitConverter.Int32BitsToSingle(0x3F800001), b = BitConverter.Int32BitsToSingle(0x3F7FFFFE);
        float exact = -MathF.ScaleB(1f, -46);
        Assert.Equal(exact, MathF.FusedMultiplyAdd(a, b, -1f));
        Assert.Equal(exact, Vector128.FusedMultiplyAdd(Vector128.Create(a), Vector128.Create(b), Vector128.Create(-1f))[3]);
        Assert.Equal(exact, Vector256.FusedMultiplyAdd(Vector256.Create(a), Vector256.Create(b), Vector256.Create(-1f))[7]);
        Assert.Equal(exact, Vector512.FusedMultiplyAdd(Vector512.Create(a), Vector512.Create(b), Vector512.Create(-1f))[15]);
    }

    /// <summary>Kernel inputs at <paramref name="offset"/>, with a sentinel just past the end.</summary>
    private static float[] Inputs(int length, int offset, int seed, bool nonNegative = false)
    {
        var values = new float[offset + length + 1];
        OptimizerGenerators.KernelValues(length, seed, nonNegative).CopyTo(values, offset);
        values[offset + length] = Sentinel;
        return values;
    }

    /// <summary>No gradient mask for a third of the seeds; otherwise a random one (−1 keeps, 0 prunes) at <paramref name="offset"/>.</summary>
    private static ReadOnlySpan<sbyte> KeepLanes(int length, int offset, int seed)
    {
        if (seed % 3 == 0)
            return [];
        var random = new Random(seed);
        var lanes = new sbyte[offset + length];
        for (int i = offset; i < lanes.Length; i++)
            lanes[i] = (sbyte)-random.Next(2);
        return lanes.AsSpan(offset);
    }

    /// <summary>Same bits everywhere, sentinel included. NaNs only have to be NaN: which payload an operation
    /// propagates depends on operand order, which the JIT may choose differently per width.</summary>
    private static void AssertSame(float[] expected, float[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            bool same = BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i])
                || (float.IsNaN(expected[i]) && float.IsNaN(actual[i]));
            if (!same)
                throw new XunitException($"{what}: at index {i} expected {expected[i]:R}, got {actual[i]:R}");
        }
    }
}
