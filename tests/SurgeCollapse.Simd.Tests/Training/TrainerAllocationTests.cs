using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Optimizers;
using SurgeCollapse.Simd.Training;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Training;

public sealed class TrainerAllocationTests
{
    [Theory]
    [InlineData(LossKind.MeanSquaredError)]
    [InlineData(LossKind.CrossEntropy)]
    public void Training_steps_and_predictions_allocate_nothing_after_warm_up(LossKind loss)
    {
        var model = new Mlp([128, 256, 128], maxBatch: 64, seed: 1);
        var trainer = new Trainer(model, new Adam(model.Parameters), loss);
        float[] inputs = Generators.RandomArray(64 * 128, 2), targets = Generators.RandomArray(64 * 128, 3);
        int[] tokens = Enumerable.Range(0, 64).Select(i => i * 7 % 128).ToArray();
        var prediction = new float[128];

        // The per-thread packing buffers are allocated by the first product, inside the warm-up.
        long steps = Allocations.AfterWarmUp(1_000, _ =>
        {
            if (loss == LossKind.MeanSquaredError)
                trainer.Step(inputs, targets, 64);
            else
                trainer.Step(inputs, tokens);
        });
        long predictions = Allocations.AfterWarmUp(10_000, i => model.Predict(inputs.AsSpan(i % 64 * 128, 128), prediction));

        Assert.Equal(0, steps);
        Assert.Equal(0, predictions);
    }
}
