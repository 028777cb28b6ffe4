using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Optimizers;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Optimizers;

/// <summary>The optimizer contract's export and import of state: names, buffers, step count.</summary>
public sealed class OptimizerStateTests
{
    private static Parameter[] Parameters()
    {
        var weight = new Parameter("layers.0.weight", 2, 3);
        var bias = new Parameter("layers.0.bias", 2);
        for (int i = 0; i < weight.Length; i++)
            weight.Gradient[i] = 0.25f * (i + 1);
        bias.Gradient.AsSpan().Fill(-0.5f);
        return [weight, bias];
    }

    [Fact]
    public void State_names_are_pytorchs()
    {
        Parameter[] parameters = Parameters();
        Assert.Equal(["exp_avg", "exp_avg_sq"], new Adam(parameters).StateNames);
        Assert.Equal(["momentum_buffer"], new Sgd(parameters, new SgdOptions { Momentum = 0.9 }).StateNames);
        Assert.Empty(new Sgd(parameters).StateNames);
    }

    [Fact]
    public void Adam_exports_its_moments()
    {
        var adam = new Adam(Parameters());
        adam.Step();
        for (int i = 0; i < adam.Parameters.Count; i++)
        {
            Assert.Equal(adam.FirstMoment(i).ToArray(), adam.GetState(i, 0).ToArray());
            Assert.Equal(adam.SecondMoment(i).ToArray(), adam.GetState(i, 1).ToArray());
        }
    }

    [Fact]
    public void Imported_state_and_step_count_drive_the_next_step()
    {
        // Two optimizers of one parameter set: the second, given the first's state after one step, takes the same second step.
        Parameter[] first = Parameters(), second = Parameters();
        var a = new Sgd(first, new SgdOptions { LearningRate = 0.1, Momentum = 0.9 });
        var b = new Sgd(second, new SgdOptions { LearningRate = 0.1, Momentum = 0.9 });
        a.Step();
        for (int i = 0; i < first.Length; i++)
        {
            first[i].Value.CopyTo(second[i].Value, 0);
            b.SetState(i, 0, a.GetState(i, 0));
        }

        b.RestoreStepCount(a.StepCount);
        a.Step();
        b.Step();
        for (int i = 0; i < first.Length; i++)
            Assert.Equal(first[i].Value, second[i].Value);
        Assert.Equal(2, b.StepCount);
    }

    [Fact]
    public void Bad_indices_and_lengths_are_argument_errors()
    {
        var adam = new Adam(Parameters());
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.GetState(2, 0).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.GetState(0, 2).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.GetState(-1, 0).Length);
        Assert.Throws<ArgumentException>(() => adam.SetState(0, 0, new float[5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.RestoreStepCount(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(Parameters()).GetState(0, 0).Length);
    }
}
