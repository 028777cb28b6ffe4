using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Optimizers;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Optimizers;

public sealed class SgdTests
{
    private const int Steps = 5;

    public static readonly TheoryData<string, SgdOptions> Settings = new()
    {
        { "plain", new SgdOptions { LearningRate = 0.1 } },
        { "momentum", new SgdOptions { LearningRate = 0.1, Momentum = 0.9 } },
        { "dampening", new SgdOptions { LearningRate = 0.1, Momentum = 0.9, Dampening = 0.5 } },
        { "Nesterov", new SgdOptions { LearningRate = 0.1, Momentum = 0.9, Nesterov = true } },
        { "weight decay", new SgdOptions { LearningRate = 0.1, WeightDecay = 0.1 } },
        { "all", new SgdOptions { LearningRate = 0.1, Momentum = 0.8, Nesterov = true, WeightDecay = 0.1 } },
    };

    /// <summary>
    /// Five steps on a 29-element tensor (16 + 8 + 4 + 1: every vector width and the scalar tail on the widest path),
    /// against torch.optim.SGD's formula evaluated in double.
    /// Tolerance, per element and step: the new p is rounded once, ≤ u·|p| (u = 2⁻²⁴); the step lr·d carries the
    /// roundings of d — ≤ 4 per step (weight decay, buffer product and sum, Nesterov sum) plus the float32 scalars,
    /// relative to the magnitude |d|ₘ of its terms — which the buffer carries on into later steps, so by step t
    /// 8·t·u·lr·|d|ₘ bounds them with room.
    /// </summary>
    [Theory]
    [MemberData(nameof(Settings))]
    public void Steps_follow_the_PyTorch_formula(string setting, SgdOptions options)
    {
        var parameter = new Parameter("w", 29);
        Generators.RandomArray(29, 1).CopyTo(parameter.Value, 0);
        var optimizer = new Sgd([parameter], options);
        var oracle = new Oracle(parameter.Value, options);

        for (int step = 1; step <= Steps; step++)
        {
            Generators.RandomArray(29, 100 + step).CopyTo(parameter.Gradient, 0);
            optimizer.Step();
            oracle.Step(parameter.Gradient, step);
            Tolerance.WithinBound(oracle.Param, parameter.Value, oracle.Bound, $"{setting}, step {step}");
        }

        Assert.Equal(Steps, optimizer.StepCount);
    }

    [Fact]
    public void First_step_sets_the_momentum_buffer_to_the_gradient_undampened()
    {
        // PyTorch: buf = clone(grad) on the first step; dampening only applies from the second step on.
        var parameter = new Parameter("w", 1);
        parameter.Value[0] = 1f;
        parameter.Gradient[0] = 0.5f;
        var optimizer = new Sgd([parameter], new SgdOptions { LearningRate = 0.1, Momentum = 0.9, Dampening = 0.5 });

        optimizer.Step(); // b = 0.5, p = 1 − 0.1·0.5 (a dampened buffer would give 0.975)
        Assert.Equal(0.95f, parameter.Value[0]);
        optimizer.Step(); // b = 0.9·0.5 + 0.5·0.5 = 0.7, p = 0.95 − 0.07
        Assert.Equal(0.88f, parameter.Value[0], 1e-7f); // a few float32 ulps of 0.88 (6e-8 each)
    }

    [Fact]
    public void Defaults_are_PyTorchs()
    {
        var options = new SgdOptions();
        Assert.Equal((1e-3, 0.0, 0.0, 0.0, false),
            (options.LearningRate, options.Momentum, options.Dampening, options.WeightDecay, options.Nesterov));
    }

    public static readonly TheoryData<SgdOptions, string> BadOptions = new()
    {
        { new SgdOptions { LearningRate = -1 }, nameof(SgdOptions.LearningRate) },
        { new SgdOptions { LearningRate = double.NaN }, nameof(SgdOptions.LearningRate) },
        { new SgdOptions { Momentum = -0.1 }, nameof(SgdOptions.Momentum) },
        { new SgdOptions { Dampening = 1.5 }, nameof(SgdOptions.Dampening) },
        { new SgdOptions { WeightDecay = double.PositiveInfinity }, nameof(SgdOptions.WeightDecay) },
        { new SgdOptions { Nesterov = true }, nameof(SgdOptions.Momentum) },
        { new SgdOptions { Nesterov = true, Momentum = 0.9, Dampening = 0.1 }, nameof(SgdOptions.Dampening) },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Out_of_range_options_are_named(SgdOptions options, string name)
    {
        var error = Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new Sgd([new Parameter("w", 3)], options));
        Assert.Equal(name, error.ParamName);
        Assert.Contains($"{name} = ", error.Message, StringComparison.Ordinal); // the option, its value and the range
    }

    [Fact]
    public void Learning_rate_can_change_between_steps()
    {
        var parameter = new Parameter("w", 1);
        parameter.Value[0] = 1f;
        parameter.Gradient[0] = 1f;
        var optimizer = new Sgd([parameter], new SgdOptions { LearningRate = 0.5 }) { LearningRate = 0.25 };
        optimizer.Step();
        Assert.Equal(0.75f, parameter.Value[0]);
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => optimizer.LearningRate = -1);
    }

    /// <summary>torch.optim.SGD's algorithm in double, with the magnitude of each step's terms for the error bound.</summary>
    private sealed class Oracle(float[] initial, SgdOptions options)
    {
        private readonly double[] buffer = new double[initial.Length], bufferMagnitude = new double[initial.Length];

        public double[] Param { get; } = Array.ConvertAll(initial, x => (double)x);

        public double[] Bound { get; } = new double[initial.Length];

        public void Step(float[] gradient, int step)
        {
            double lr = options.LearningRate, mu = options.Momentum;
            for (int i = 0; i < Param.Length; i++)
            {
                double g = gradient[i] + options.WeightDecay * Param[i];
                double magnitude = Math.Abs(gradient[i]) + options.WeightDecay * Math.Abs(Param[i]);
                if (mu != 0)
                {
                    buffer[i] = step == 1 ? g : mu * buffer[i] + (1 - options.Dampening) * g;
                    bufferMagnitude[i] = step == 1 ? magnitude : mu * bufferMagnitude[i] + (1 - options.Dampening) * magnitude;
                    (g, magnitude) = options.Nesterov
                        ? (g + mu * buffer[i], magnitude + mu * bufferMagnitude[i])
                        : (buffer[i], bufferMagnitude[i]);
                }

                Param[i] -= lr * g;
                Bound[i] += Tolerance.FloatEpsilon * (Math.Abs(Param[i]) + 8 * step * lr * magnitude);
            }
        }
    }
}
