using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Entropy;
using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Noise;
using SurgeCollapse.Simd.Optimizers;
using SurgeCollapse.Simd.Sparsity;
using SurgeCollapse.Simd.Training;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Dynamics;

public sealed class PolicyTests
{
    public static TheoryData<string, DynamicsOptions> Policies => new()
    {
        { "baseline", new DynamicsOptions() },
        { "notebook", new DynamicsOptions { Policy = DynamicsPolicy.Notebook } },
        { "scheduled", new DynamicsOptions { Policy = DynamicsPolicy.Scheduled } },
        {
            "scheduled, global, biases, gradient regrowth", new DynamicsOptions
            {
                Policy = DynamicsPolicy.Scheduled, Collapse = new() { Scope = CollapseScope.Global, IncludeBiases = true },
                Surge = new() { Strategy = SurgeStrategy.Gradient, Fraction = 0.5 },
            }
        },
        { "scheduled, random regrowth", new DynamicsOptions { Policy = DynamicsPolicy.Scheduled, Surge = new() { Strategy = SurgeStrategy.Random, Fraction = 0.3 } } },
        { "adaptive, collapse and surge", new DynamicsOptions { Policy = DynamicsPolicy.Adaptive, Adaptive = new() { HighEntropy = 0, LowEntropy = 0 } } },
        { "adaptive, pump", new DynamicsOptions { Policy = DynamicsPolicy.Adaptive, Adaptive = new() { HighEntropy = 1, LowEntropy = 1 } } },
        { "adaptive, plateau", new DynamicsOptions { Policy = DynamicsPolicy.Adaptive, Adaptive = new() { HighEntropy = 1, LowEntropy = 0, PlateauEpsilon = 1 } } },
    };

    /// <summary>
    /// 1,000 steps of every policy allocate nothing, actions and events included (the options make each kind of action
    /// happen every 60 or 200 steps; the events are drained as a caller would, every epoch).
    /// </summary>
    [Theory]
    [MemberData(nameof(Policies))]
    public void A_thousand_steps_of_each_policy_allocate_nothing(string name, DynamicsOptions options)
    {
        var run = new DynamicsRun(options);
        int actions = 0;
        long bytes = Allocations.AfterWarmUp(1_000, _ =>
        {
            run.Step();
            actions += run.Trainer.LastAction == DynamicsAction.None ? 0 : 1;
            if (run.Trainer.Events.Length > 100)
                run.Trainer.ClearEvents();
        });

        Assert.True(name == "baseline" ? actions == 0 : actions >= 10, $"{name}: {actions} actions");
        Assert.True(bytes == 0, $"{name}: {bytes} B");
    }

    /// <summary>The baseline policy is the plain trainer, bit for bit, and leaves the batch's inputs alone.</summary>
    [Fact]
    public void Baseline_trains_exactly_as_the_plain_trainer()
    {
        var run = new DynamicsRun(new DynamicsOptions());
        var model = new Mlp([128, 256, 128], 64, seed: 42);
        var plain = new Trainer(model, new Adam(model.Parameters), LossKind.MeanSquaredError);
        for (int step = 0; step < 300; step++)
        {
            run.NextBatch();
            float[] inputs = (float[])run.Inputs.Clone();
            float expected = plain.Step(inputs, run.Targets, run.Rows);
            Assert.Equal(expected, run.Trainer.Step(run.Inputs, run.Targets, run.Rows));
            Assert.Equal(inputs, run.Inputs);
        }

        for (int i = 0; i < model.Parameters.Count; i++)
            Assert.Equal(model.Parameters[i].Value, run.Model.Parameters[i].Value);
        Assert.Empty(run.Trainer.Events.ToArray());
    }

    /// <summary>
    /// The entropies reported are the meters' own: per hidden layer of the batch's activations, their mean normalised,
    /// and the targets' histogram — or, for token targets, the batch's token distribution.
    /// </summary>
    [Fact]
    public void Entropies_are_those_of_the_batch_activations_and_targets()
    {
        var run = new DynamicsRun(new DynamicsOptions { Entropy = new EntropyOptions { Bins = 32 } });
        run.Step();
        ActivationEntropy expected = new ActivationEntropyMeter(new EntropyOptions { Bins = 32 }).Measure(run.Model.Layers[0].OutputOf(run.Rows));
        Assert.Equal(expected, run.Trainer.ActivationEntropies[0]);
        Assert.Equal(expected.All.Normalized, run.Trainer.ActivationEntropy);
        Assert.Equal(new EntropyMeter(new EntropyOptions { Bins = 32 }).Measure(run.Targets), run.Trainer.TargetEntropy);

        var model = new Mlp([8, 16, 4], 6, seed: 1);
        var tokens = new SurgeCollapseTrainer(new Trainer(model, new Adam(model.Parameters), LossKind.CrossEntropy),
            new DynamicsOptions { Policy = DynamicsPolicy.Adaptive }, new NoisePool(1, 128), 0.1, 1);
        tokens.Step(Generators.RandomArray(6 * 8, 2), [0, 1, 1, 3, 3, 3]);
        // Frequencies 1/6, 2/6, 3/6 over a vocabulary of 4.
        double h = -(1 / 6.0 * Math.Log(1 / 6.0) + 2 / 6.0 * Math.Log(2 / 6.0) + 3 / 6.0 * Math.Log(3 / 6.0));
        Assert.Equal(h, tokens.TargetEntropy.Entropy, 12);
        Assert.Equal(4, tokens.TargetEntropy.Bins);
    }

    /// <summary>The adaptive rules read hidden activations: a model without hidden layers is refused, not left with NaN entropy.</summary>
    [Fact]
    public void The_adaptive_policy_refuses_a_model_without_hidden_layers()
    {
        var linear = new Mlp([8, 4], 2, seed: 1);
        var error = Assert.Throws<ArgumentException>(() => new SurgeCollapseTrainer(
            new Trainer(linear, new Adam(linear.Parameters), LossKind.MeanSquaredError),
            new DynamicsOptions { Policy = DynamicsPolicy.Adaptive }, new NoisePool(1, 32), 0.1, 1));
        Assert.Contains("hidden", error.Message, StringComparison.Ordinal);
    }
}
