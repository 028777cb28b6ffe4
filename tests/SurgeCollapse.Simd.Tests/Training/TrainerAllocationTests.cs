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

        void Step()
        {
            if (loss == LossKind.MeanSquaredError)
                trainer.Step(inputs, targets, 64);
            else
                trainer.Step(inputs, tokens);
        }

        // Warm-up: tiered JIT compilation and the first call's per-thread packing buffers allocate, once.
        for (int i = 0; i < 50; i++)
        {
            Step();
            model.Predict(inputs.AsSpan(0, 128), prediction);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
            Step();
        for (int i = 0; i < 10_000; i++)
            model.Predict(inputs.AsSpan(i % 64 * 128, 128), prediction);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
