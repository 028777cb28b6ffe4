using System.Text.Json;
using SurgeCollapse.Simd.Checkpoints;
using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Optimizers;
using SurgeCollapse.Simd.Training;
using Xunit;
using Xunit.Abstractions;

namespace SurgeCollapse.Simd.Tests.Training;

/// <summary>
/// The default model reproduces libtorch's own ten Adam steps (Parity/README.md): same initial weights, same
/// batches, losses, step-1 gradients and parameters after steps 1 and 10 compared with what libtorch computed.
/// </summary>
public sealed class PyTorchParityTests(ITestOutputHelper output)
{
    [Fact]
    public void Ten_Adam_steps_match_libtorch()
    {
        SafetensorsFile init = ParityData.Open("init_mse.safetensors");
        SafetensorsFile batches = ParityData.Open("batches_mse.safetensors");
        SafetensorsFile expected = ParityData.Open("expected_mse_adam.safetensors");
        using JsonDocument recipe = ParityData.Json("mse_adam.json");
        double[] losses = [.. recipe.RootElement.GetProperty("run").GetProperty("losses").EnumerateArray().Select(e => e.GetDouble())];

        var model = new Mlp([128, 256, 128], maxBatch: 64, seed: 0);
        foreach (Parameter parameter in model.Parameters)
            init.CopyFloat32(parameter.Name, parameter.Value);
        var trainer = new Trainer(model, new Adam(model.Parameters), LossKind.MeanSquaredError);

        for (int step = 1; step <= 10; step++)
        {
            float loss = trainer.Step(batches.GetFloat32($"x_{step - 1}"), batches.GetFloat32($"y_{step - 1}"), 64);
            // The loss is a mean of 8,192 squares of outputs that are 256-term dot products: libtorch and this engine
            // sum the products in different orders, so each output differs by ≲ 256·2⁻²⁴ relative, and the mean by
            // far less after averaging (the engine sums the squares in double). Measured: bit-identical to libtorch on
            // the 512-, 256-, 128-bit and scalar paths. 1e-6 relative (~8 ulps) leaves room for other machines, while
            // a wrong gradient or update moves the loss of later steps by 1e-3 or more (it changes ~1e-2 per step).
            double relative = Math.Abs(loss - losses[step - 1]) / losses[step - 1];
            output.WriteLine($"step {step}: loss {loss:R} libtorch {losses[step - 1]:R} relative difference {relative:G3}");
            Assert.True(relative <= 1e-6, $"step {step}: loss {loss:R}, libtorch {losses[step - 1]:R}");

            if (step == 1)
            {
                // Step-1 gradients: dW accumulates 64 rows, dX 128 terms; a careful float32 implementation lands
                // within 2.5e-7 of each tensor's largest entry (Parity/README.md), and so does this engine (measured
                // 2.6e-7). 1e-6 of the largest entry leaves a 4× margin for summation order on other instruction sets
                // and is 10⁵ times smaller than the effect of any missing term.
                foreach (Parameter parameter in model.Parameters)
                    CompareToLargest(expected.GetFloat32($"grad1.{parameter.Name}"), parameter.Gradient, 1e-6, $"grad1.{parameter.Name}");
                CompareParameters(expected, "after1", model, absolute: 1e-6, allowedOutliers: 0.001);
            }
        }

        CompareParameters(expected, "after10", model, absolute: 3e-6, allowedOutliers: 0.001);
    }

    /// <summary>
    /// Parameters after Adam steps. Adam moves each weight by about lr = 1e-3 per step whatever the gradient's size,
    /// so differences are bounded in absolute terms: a careful float32 implementation reaches 2.3e-6 after 10 steps
    /// (Parity/README.md), this engine 9.3e-7 (measured on AVX-512), and IEEE sqrt vs libtorch's sqrt adds an ulp
    /// (6e-8 near 0.06) in ~1 % of step-1 updates. Bounds: 1e-6 after step 1, 3e-6 after step 10.
    /// Elements whose gradient is tiny relative to the others can flip the sign of a step (a difference of up to 2·lr
    /// per step, README); at most <paramref name="allowedOutliers"/> of the elements may exceed the bound for that
    /// reason, and none may differ by more than 10 steps of 2·lr.
    /// </summary>
    private void CompareParameters(SafetensorsFile expected, string prefix, Mlp model, double absolute, double allowedOutliers)
    {
        foreach (Parameter parameter in model.Parameters)
        {
            float[] reference = expected.GetFloat32($"{prefix}.{parameter.Name}");
            int outliers = 0;
            double largest = 0;
            for (int i = 0; i < reference.Length; i++)
            {
                double difference = Math.Abs(reference[i] - parameter.Value[i]);
                largest = Math.Max(largest, difference);
                if (difference > absolute)
                    outliers++;
                Assert.True(difference <= 20 * 1e-3, $"{prefix}.{parameter.Name}[{i}]: {parameter.Value[i]:R} vs libtorch {reference[i]:R}");
            }

            output.WriteLine($"{prefix}.{parameter.Name}: largest difference {largest:G3}, {outliers} of {reference.Length} above {absolute:G2}");
            Assert.True(outliers <= allowedOutliers * reference.Length,
                $"{prefix}.{parameter.Name}: {outliers} of {reference.Length} elements differ by more than {absolute:G2} (largest {largest:G3})");
        }
    }

    private void CompareToLargest(float[] reference, float[] actual, double fraction, string what)
    {
        double scale = reference.Max(Math.Abs), largest = 0;
        for (int i = 0; i < reference.Length; i++)
            largest = Math.Max(largest, Math.Abs(reference[i] - actual[i]));
        output.WriteLine($"{what}: largest difference {largest:G3} = {largest / scale:G3} of the largest entry");
        Assert.True(largest <= fraction * scale, $"{what}: largest difference {largest:G3} exceeds {fraction:G2} × {scale:G3}");
    }
}
