using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Optimizers;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Optimizers;

public sealed class AdamTests
{
    private const int Steps = 5;

    public static readonly TheoryData<string, AdamOptions> Settings = new()
    {
        { "Adam", new AdamOptions { LearningRate = 0.01 } },
        { "Adam + weight decay", new AdamOptions { LearningRate = 0.01, WeightDecay = 0.1 } },
        { "AdamW", AdamOptions.AdamW with { LearningRate = 0.01, WeightDecay = 0.1 } },
        { "large ε, small betas", new AdamOptions { LearningRate = 0.01, Beta1 = 0.5, Beta2 = 0.75, Epsilon = 0.1 } },
    };

    /// <summary>
    /// Five steps on a 29-element tensor (16 + 8 + 4 + 1: every vector width and the scalar tail on the widest path),
    /// against torch.optim.Adam / AdamW's formula (bias-corrected m̂ and v̂, ε outside the root) evaluated in double.
    /// Tolerance, per element and step: p is rounded at most twice (AdamW's scaling, the update), ≤ 3·u·|p| with the
    /// float32 scaling factor (u = 2⁻²⁴); the update lr·m̂/(√v̂ + ε) goes through about ten roundings (m: 2, v: 3,
    /// √, two divisions, ε, the step size, and its float32 scalars), each relative to the magnitude of its terms,
    /// while m and v carry theirs on into later steps, so by step t 8·(t + 1)·u times the update's magnitude bounds them.
    /// </summary>
    [Theory]
    [MemberData(nameof(Settings))]
    public void Steps_follow_the_PyTorch_formula(string setting, AdamOptions options)
    {
        var parameter = new Parameter("w", 29);
        Generators.RandomArray(29, 2).CopyTo(parameter.Value, 0);
        var optimizer = new Adam([parameter], options);
        var oracle = new Oracle(parameter.Value, options);

        for (int step = 1; step <= Steps; step++)
        {
            Generators.RandomArray(29, 200 + step).CopyTo(parameter.Gradient, 0);
            optimizer.Step();
            oracle.Step(parameter.Gradient, step);
            Tolerance.WithinBound(oracle.Param, parameter.Value, oracle.Bound, $"{setting}, step {step}");
        }

        Assert.Equal(Steps, optimizer.StepCount);
    }

    [Fact]
    public void First_step_moves_each_weight_by_the_learning_rate()
    {
        // Step 1: m̂ = g and v̂ = g², so p moves by −lr·g/(|g| + ε), ±lr to within ε/|g|.
        float[] gradient = [3f, -0.25f];
        var parameter = new Parameter("w", 2);
        gradient.CopyTo(parameter.Gradient, 0);
        new Adam([parameter]).Step();
        for (int i = 0; i < gradient.Length; i++)
        {
            double expected = -1e-3 * gradient[i] / (Math.Abs(gradient[i]) + 1e-8);
            // About eight float32 roundings, each ≤ u·lr ≈ 6e-11.
            Assert.Equal(expected, parameter.Value[i], 5e-10);
        }
    }

    [Fact]
    public void Defaults_are_PyTorchs()
    {
        var adam = new AdamOptions();
        Assert.Equal((1e-3, 0.9, 0.999, 1e-8, 0.0, false),
            (adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon, adam.WeightDecay, adam.DecoupledWeightDecay));
        AdamOptions adamW = AdamOptions.AdamW;
        Assert.Equal((1e-3, 0.9, 0.999, 1e-8, 1e-2, true),
            (adamW.LearningRate, adamW.Beta1, adamW.Beta2, adamW.Epsilon, adamW.WeightDecay, adamW.DecoupledWeightDecay));
    }

    public static readonly TheoryData<AdamOptions, string> BadOptions = new()
    {
        { new AdamOptions { LearningRate = -1e-3 }, nameof(AdamOptions.LearningRate) },
        { new AdamOptions { Beta1 = 1 }, nameof(AdamOptions.Beta1) },
        { new AdamOptions { Beta2 = -0.5 }, nameof(AdamOptions.Beta2) },
        { new AdamOptions { Beta2 = double.NaN }, nameof(AdamOptions.Beta2) },
        { new AdamOptions { Epsilon = -1e-8 }, nameof(AdamOptions.Epsilon) },
        { new AdamOptions { WeightDecay = -1 }, nameof(AdamOptions.WeightDecay) },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Out_of_range_options_are_named(AdamOptions options, string name)
    {
        var error = Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new Adam([new Parameter("w", 3)], options));
        Assert.Equal(name, error.ParamName);
        Assert.Contains($"{name} = ", error.Message, StringComparison.Ordinal); // the option, its value and the range
    }

    /// <summary>torch.optim.Adam / AdamW's algorithm in double, with a running error bound.</summary>
    private sealed class Oracle(float[] initial, AdamOptions options)
    {
        private readonly double[] m = new double[initial.Length], v = new double[initial.Length];
        private readonly double[] mMagnitude = new double[initial.Length];

        public double[] Param { get; } = Array.ConvertAll(initial, x => (double)x);

        public double[] Bound { get; } = new double[initial.Length];

        public void Step(float[] gradient, int step)
        {
            double lr = options.LearningRate, beta1 = options.Beta1, beta2 = options.Beta2, decay = options.WeightDecay;
            for (int i = 0; i < Param.Length; i++)
            {
                double g = gradient[i], magnitude = Math.Abs(g);
                if (options.DecoupledWeightDecay)
                    Param[i] *= 1 - lr * decay;
                else
                    (g, magnitude) = (g + decay * Param[i], magnitude + decay * Math.Abs(Param[i]));
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                mMagnitude[i] = beta1 * mMagnitude[i] + (1 - beta1) * magnitude;
                v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                double mHat = m[i] / (1 - Math.Pow(beta1, step)), vHat = v[i] / (1 - Math.Pow(beta2, step));
                double denominator = Math.Sqrt(vHat) + options.Epsilon;
                Param[i] -= lr * mHat / denominator;
                double updateMagnitude = lr * mMagnitude[i] / (1 - Math.Pow(beta1, step)) / denominator;
                Bound[i] += Tolerance.FloatEpsilon * (3 * Math.Abs(Param[i]) + 8 * (step + 1) * updateMagnitude);
            }
        }
    }
}
