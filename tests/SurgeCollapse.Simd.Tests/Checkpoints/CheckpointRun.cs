using System.Runtime.InteropServices;
using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Optimizers;
using SurgeCollapse.Simd.Sparsity;
using SurgeCollapse.Simd.Training;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Checkpoints;

/// <summary>
/// A small model, its optimizer and optionally masks, trained on fixed seeded batches: what the checkpoint tests save,
/// restore and compare. Masked runs mask the gradients before each optimizer step, as the dynamics trainer does.
/// </summary>
internal sealed class CheckpointRun
{
    internal static readonly int[] Sizes = [6, 10, 4];
    internal const int Batch = 8;

    private readonly Trainer _trainer;

    internal CheckpointRun(Func<IReadOnlyList<Parameter>, Optimizer> createOptimizer, bool withMasks, ulong seed = 1, int[]? sizes = null)
    {
        Model = new Mlp(sizes ?? Sizes, Batch, seed);
        Optimizer = createOptimizer(Model.Parameters);
        _trainer = new Trainer(Model, Optimizer, LossKind.MeanSquaredError);
        if (withMasks)
        {
            Masks = new SparsityMasks(Model.Parameters, includeBiases: true);
            // A fixed pattern with pruned entries in every tensor; the seed decides it, so both runs of a test agree.
            var random = new Random((int)seed);
            for (int i = 0; i < Model.Parameters.Count; i++)
            {
                Span<float> keep = Masks.Keep(i);
                for (int j = 0; j < keep.Length; j++)
                    keep[j] = random.Next(3) == 0 ? 0f : 1f;
            }
        }
    }

    internal Mlp Model { get; }

    internal Optimizer Optimizer { get; }

    internal SparsityMasks? Masks { get; }

    internal static Optimizer Adam(IReadOnlyList<Parameter> parameters) => new Adam(parameters, new AdamOptions { LearningRate = 1e-2 });

    internal static Optimizer SgdWithMomentum(IReadOnlyList<Parameter> parameters) =>
        new Sgd(parameters, new SgdOptions { LearningRate = 5e-2, Momentum = 0.9, Dampening = 0.1, WeightDecay = 1e-3 });

    /// <summary>Seeded batches, each <c>(inputs, targets)</c> of <see cref="Batch"/> rows.</summary>
    internal static (float[] Inputs, float[] Targets)[] Batches(int count, int seed = 7)
    {
        var random = new Random(seed);
        var batches = new (float[], float[])[count];
        for (int b = 0; b < count; b++)
        {
            var inputs = new float[Batch * Sizes[0]];
            var targets = new float[Batch * Sizes[^1]];
            for (int i = 0; i < inputs.Length; i++)
                inputs[i] = (float)(2 * random.NextDouble() - 1);
            for (int i = 0; i < targets.Length; i++)
                targets[i] = (float)(2 * random.NextDouble() - 1);
            batches[b] = (inputs, targets);
        }

        return batches;
    }

    /// <summary>One optimizer step per batch in <paramref name="batches"/>.</summary>
    internal void Train(ReadOnlySpan<(float[] Inputs, float[] Targets)> batches)
    {
        foreach ((float[] inputs, float[] targets) in batches)
        {
            _trainer.ForwardAndLoss(inputs, targets, Batch);
            _trainer.Backward(inputs, Batch);
            Optimizer.Step(Masks is null ? [] : Masks.GradientMasks());
        }
    }

    /// <summary>Asserts that two runs hold the same weights, masks and optimizer state, bit for bit.</summary>
    internal static void AssertBitIdentical(CheckpointRun expected, CheckpointRun actual)
    {
        Assert.Equal(expected.Optimizer.StepCount, actual.Optimizer.StepCount);
        Assert.Equal(expected.Optimizer.LearningRate, actual.Optimizer.LearningRate);
        for (int i = 0; i < expected.Model.Parameters.Count; i++)
        {
            string name = expected.Model.Parameters[i].Name;
            AssertBits(expected.Model.Parameters[i].Value, actual.Model.Parameters[i].Value, name);
            if (expected.Masks is not null)
                AssertBits(expected.Masks.Keep(i), actual.Masks!.Keep(i), $"{name} mask");
            for (int s = 0; s < expected.Optimizer.StateNames.Count; s++)
                AssertBits(expected.Optimizer.GetState(i, s), actual.Optimizer.GetState(i, s), $"{name} {expected.Optimizer.StateNames[s]}");
        }
    }

    /// <summary>Compares the bit patterns, so that −0 ≠ +0 and NaN payloads count.</summary>
    internal static void AssertBits(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        ReadOnlySpan<int> left = MemoryMarshal.Cast<float, int>(expected), right = MemoryMarshal.Cast<float, int>(actual);
        Assert.True(left.Length == right.Length, $"{what}: {left.Length} values, got {right.Length}");
        for (int i = 0; i < left.Length; i++)
            Assert.True(left[i] == right[i], $"{what}[{i}]: expected {expected[i]:R} (0x{left[i]:x8}), got {actual[i]:R} (0x{right[i]:x8})");
    }
}
