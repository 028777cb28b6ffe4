using FsCheck.Xunit;
using SurgeCollapse.Simd.Kernels;
using SurgeCollapse.Simd.Tests.Reference;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Kernels;

public sealed class LossesTests
{
    /// <summary>
    /// MSE: the loss is the double sum of squared float differences, divided and rounded once, so it is within half
    /// an ulp of the float-difference reference plus n·2⁻⁵³ of summation; the gradient is the same two float operations
    /// as the reference ((y − t) then × 2/N), so it matches bit for bit.
    /// </summary>
    [Property(MaxTest = 60)]
    public void Mean_squared_error_and_gradient_equal_the_reference(byte rowSeed, int widthSeed)
    {
        int length = (1 + rowSeed % 17) * (1 + (int)((uint)widthSeed % 300));
        float[] output = Generators.RandomArray(length, widthSeed), target = Generators.RandomArray(length, widthSeed + 1);
        var dOutput = new float[length + 1];
        dOutput[length] = 42f;
        float loss = Losses.MeanSquaredError(output, target, dOutput.AsSpan(0, length));

        var differences = new float[length];
        for (int i = 0; i < length; i++)
            differences[i] = output[i] - target[i];
        double expected = differences.Sum(d => (double)d * d) / length;
        Assert.True(Math.Abs(loss - expected) <= 0.5 * Math.ScaleB(1, Math.ILogB(expected) - 23) + length * Math.Pow(2, -53) * expected,
            $"loss {loss:R}, expected {expected:R}");
        // Against the exact double difference too: the float subtraction rounds each term by ≤ 2⁻²⁴ relative.
        Assert.True(Math.Abs(loss - KernelReference.MeanSquaredError(output, target)) <= 3 * Math.Pow(2, -24) * expected);
        float scale = (float)(2.0 / length);
        for (int i = 0; i < length; i++)
            Assert.Equal(differences[i] * scale, dOutput[i]);
        Assert.Equal(42f, dOutput[length]);
    }

    /// <summary>
    /// Cross-entropy against a double softmax. TensorPrimitives' float exp is within a few ulps, and the gradient's
    /// division and scaling add two roundings, so each gradient element is within 1e-6 absolute of the double one
    /// (its entries are probabilities / B ≤ 1); the loss, a log-sum-exp in double over float exps, within 1e-6 relative.
    /// Logits up to ±50 check that the maximum is subtracted (exp(50) alone would lose the small terms).
    /// </summary>
    [Property(MaxTest = 60)]
    public void Cross_entropy_and_gradient_equal_the_double_reference(byte rowSeed, int widthSeed)
    {
        int batch = 1 + rowSeed % 17, classes = 1 + (int)((uint)widthSeed % 300);
        float[] logits = Generators.RandomArray(batch * classes, widthSeed);
        for (int i = 0; i < logits.Length; i++)
            logits[i] *= 50f;
        int[] targets = Enumerable.Range(0, batch).Select(i => (int)((uint)(widthSeed + 31 * i) % classes)).ToArray();
        var dLogits = new float[logits.Length + 1];
        dLogits[^1] = 42f;
        float loss = Losses.CrossEntropy(logits, targets, classes, dLogits.AsSpan(0, logits.Length));

        var (expectedLoss, expectedGradient) = KernelReference.CrossEntropy(logits, targets, classes);
        Assert.True(Math.Abs(loss - expectedLoss) <= 1e-6 * Math.Max(1, Math.Abs(expectedLoss)), $"loss {loss:R}, expected {expectedLoss:R}");
        Tolerance.Equal(expectedGradient, dLogits.AsSpan(0, logits.Length), absolute: 1e-6, relative: 0, "dLogits");
        Assert.Equal(42f, dLogits[^1]);
    }

    [Fact]
    public void A_target_outside_the_classes_is_rejected_with_its_row()
    {
        var error = Assert.ThrowsAny<ArgumentOutOfRangeException>(() => Losses.CrossEntropy(new float[6], [0, 3], 3, new float[6]));
        Assert.Contains("row 1", error.Message, StringComparison.Ordinal);
    }
}
