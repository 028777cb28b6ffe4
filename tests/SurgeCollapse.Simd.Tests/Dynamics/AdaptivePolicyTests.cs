using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Sparsity;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Dynamics;

public sealed class AdaptivePolicyTests
{
    /// <summary>
    /// With h_high = 0 rule 1 holds at every check: collapse then surge at step 10 (the first check, K = 10), then the
    /// cooldown of C = 50 steps moves each next action to the first check after it — 70, 130, 190.
    /// </summary>
    [Fact]
    public void High_entropy_collapses_then_surges_and_the_cooldown_spaces_the_actions()
    {
        var run = new DynamicsRun(new DynamicsOptions
        {
            Policy = DynamicsPolicy.Adaptive,
            Adaptive = new AdaptiveOptions { HighEntropy = 0, LowEntropy = 0 },
        });
        run.Steps(200);

        DynamicsEvent[] events = run.Trainer.Events.ToArray();
        Assert.Equal([10, 10, 70, 70, 130, 130, 190, 190], events.Select(e => e.Step));
        Assert.All(events, e => Assert.Equal(DynamicsRule.HighEntropy, e.Rule));
        Assert.Equal([.. Enumerable.Repeat(new[] { DynamicsAction.Collapse, DynamicsAction.Surge }, 4).SelectMany(a => a)], events.Select(e => e.Action));
        foreach (DynamicsEvent e in events)
        {
            Assert.InRange(e.Entropy, 0.3, 1.0);
            Assert.Equal(0.1, e.InputSigma);
            Assert.Equal(e.Action == DynamicsAction.Collapse ? 0.5 : 0.0, e.SparsityAfter, 3);
        }
    }

    /// <summary>
    /// With h_low = 1 rule 2 holds at every check: the pump raises σ by σ_pump, the next batches get extra noise of
    /// standard deviation √(σ_eff² − σ²) on top of the sampler's σ, and the pumped part decays with its half-life.
    /// </summary>
    [Fact]
    public void Low_entropy_pumps_noise_into_the_inputs_and_it_decays()
    {
        var run = new DynamicsRun(new DynamicsOptions
        {
            Policy = DynamicsPolicy.Adaptive,
            Adaptive = new AdaptiveOptions { HighEntropy = 1, LowEntropy = 1, CooldownSteps = 1_000 },
        });
        run.Steps(10);
        DynamicsEvent pump = Assert.Single(run.Trainer.Events.ToArray());
        Assert.Equal((10L, DynamicsRule.LowEntropy, DynamicsAction.Pump, 0), (pump.Step, pump.Rule, pump.Action, pump.Changed));
        Assert.Equal(0.15, pump.InputSigma, 12);

        for (int step = 11; step <= 110; step++)
        {
            run.NextBatch();
            float[] sampled = (float[])run.Inputs.Clone();
            run.Trainer.Step(run.Inputs, run.Targets, run.Rows);
            // The pump decays once per observed step: σ_eff at step s is 0.1 + 0.05·2^(−(s − 11)/100).
            double sigma = 0.1 + 0.05 * Math.Pow(2, -(step - 11) / 100.0);
            Assert.Equal(sigma, run.Trainer.InputSigma, 12);
            if (step is 11 or 110)
            {
                double[] extra = [.. sampled.Zip(run.Inputs, (a, b) => (double)b - a)];
                double std = Math.Sqrt(extra.Sum(d => d * d) / extra.Length);
                // 8,192 draws: the sample std has standard error ≈ 0.8 %; allow 5 %.
                Assert.InRange(std / Math.Sqrt(sigma * sigma - 0.01), 0.95, 1.05);
            }
        }
    }

    /// <summary>
    /// Given the sampler's normals z of the batch (which carries σ·z), the pump adds pumped·z: the batch's noise becomes
    /// (σ + pumped)·z, and the pump's own stream is never drawn from.
    /// </summary>
    [Fact]
    public void Given_the_batch_noise_the_pump_scales_it_up_instead_of_drawing_its_own()
    {
        var run = new DynamicsRun(new DynamicsOptions
        {
            Policy = DynamicsPolicy.Adaptive,
            Adaptive = new AdaptiveOptions { HighEntropy = 1, LowEntropy = 1, CooldownSteps = 1_000 },
        });
        run.Steps(10);
        run.NextBatch();
        float[] sampled = (float[])run.Inputs.Clone(), normals = run.Sampler.LastInputNoise.ToArray();
        run.Trainer.Step(run.Inputs, run.Targets, run.Rows, normals);

        Assert.Equal(0.15, run.Trainer.InputSigma, 12);
        Assert.Equal(run.Inputs.Length, normals.Length);
        for (int i = 0; i < normals.Length; i++)
            Assert.True(Math.Abs(run.Inputs[i] - sampled[i] - 0.05 * normals[i]) < 1e-6, $"input {i}: {sampled[i]} + 0.05·{normals[i]} gave {run.Inputs[i]}");
        Assert.Equal(0, run.Pool.EntropyPump.Position);
        Assert.Throws<ArgumentException>(() => run.Trainer.Step(run.Inputs, run.Targets, run.Rows, normals.AsSpan(1)));
    }

    /// <summary>With its calibrated defaults, a run is a function of its seed alone, events included.</summary>
    [Fact]
    public void The_same_seed_gives_the_same_run_and_another_seed_another()
    {
        var options = new DynamicsOptions
        {
            Policy = DynamicsPolicy.Adaptive,
            Adaptive = new AdaptiveOptions { HighEntropy = 0.6, LowEntropy = 0.55 },
            Surge = new() { Strategy = SurgeStrategy.Random, Fraction = 0.5 },
        };
        DynamicsRun first = new(options, sigma: 0.2), second = new(options, sigma: 0.2), other = new(options, sigma: 0.2, seed: 43);
        float[] a = [.. Enumerable.Range(0, 400).Select(_ => first.Step())];
        float[] b = [.. Enumerable.Range(0, 400).Select(_ => second.Step())];
        float[] c = [.. Enumerable.Range(0, 400).Select(_ => other.Step())];

        Assert.NotEmpty(first.Trainer.Events.ToArray());
        Assert.Equal(a, b);
        Assert.Equal(first.Trainer.Events.ToArray(), second.Trainer.Events.ToArray());
        Assert.Equal(first.Model.Parameters[0].Value, second.Model.Parameters[0].Value);
        Assert.NotEqual(a, c);
    }
}
