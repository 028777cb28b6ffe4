using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SurgeCollapse.Simd.Kernels;
using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Tests.Reference;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Model;

public sealed record MlpCase(int[] Sizes, int Batch, bool CrossEntropy, int Seed)
{
    public override string ToString() => $"sizes=[{string.Join(',', Sizes)}] batch={Batch} {(CrossEntropy ? "cross-entropy" : "mse")} seed={Seed}";
}

public static class MlpGenerators
{
    public static Arbitrary<MlpCase> MlpCases() =>
        (from hidden in Gen.Choose(1, 3)
         from sizes in Gen.ArrayOf(Gen.Choose(1, 12), hidden + 2)
         from batch in Gen.Choose(1, 5)
         from crossEntropy in Gen.Elements(false, true)
         from seed in Gen.Choose(0, int.MaxValue)
         select new MlpCase(sizes, batch, crossEntropy, seed)).ToArbitrary();
}

public sealed class MlpGradientTests
{
    /// <summary>
    /// Backward equals a central finite difference of a double-precision forward, for every weight and bias.
    /// Step h = 1e-4: the difference's truncation error is O(h²·|f'''|) ≈ 1e-8 and its rounding error
    /// ≈ 1e-16/h = 1e-12, both far below the float32 gradient's own rounding (accumulations of ≤ 12·5 terms,
    /// ≈ 60·2⁻²⁴ ≈ 4e-6 of the largest gradient). So we allow 1e-4 of the tensor's largest gradient plus 1e-6:
    /// loose against rounding, tight against any real mistake (a missing term or wrong index is off by O(1)).
    /// Elements whose ±h evaluations switch a ReLU are retried with h = 1e-6 and 1e-8; those that still switch are
    /// skipped (the loss has a kink there), and counted.
    /// </summary>
    [Property(Arbitrary = [typeof(MlpGenerators)], MaxTest = 40)]
    public void Analytic_gradient_equals_central_finite_difference(MlpCase test)
    {
        int batch = test.Batch, inputSize = test.Sizes[0], outputSize = test.Sizes[^1];
        var mlp = new Mlp(test.Sizes, maxBatch: batch, seed: (ulong)test.Seed);
        float[] input = Generators.RandomArray(batch * inputSize, test.Seed);
        float[]? vectorTargets = test.CrossEntropy ? null : Generators.RandomArray(batch * outputSize, test.Seed + 1);
        int[]? tokens = test.CrossEntropy ? Enumerable.Range(0, batch).Select(i => (test.Seed + 7 * i) % outputSize).ToArray() : null;

        ReadOnlySpan<float> output = mlp.Forward(input, batch);
        var dOutput = new float[batch * outputSize];
        if (tokens is null)
            Losses.MeanSquaredError(output, vectorTargets, dOutput);
        else
            Losses.CrossEntropy(output, tokens, outputSize, dOutput);
        mlp.Backward(input, dOutput, batch);

        var parameters = mlp.Parameters.Select(p => Array.ConvertAll(p.Value, v => (double)v)).ToList();
        const double H = 1e-4;
        int skipped = 0, checkedCount = 0;
        for (int t = 0; t < parameters.Count; t++)
        {
            float[] analytic = mlp.Parameters[t].Gradient;
            double scale = analytic.Max(Math.Abs);
            for (int i = 0; i < parameters[t].Length; i++)
            {
                double original = parameters[t][i];
                // A step that switches a ReLU measures the kink, not the slope: retry with smaller steps (the double
                // reference keeps rounding at ≈ 1e-16/h, still ≤ 1e-8 at h = 1e-8), and skip only what still switches.
                double plus = 0, minus = 0, h = 0;
                bool straddles = true;
                foreach (double step in (ReadOnlySpan<double>)[H, 1e-6, 1e-8])
                {
                    h = step;
                    parameters[t][i] = original + h;
                    (plus, bool[] plusPattern) = MlpReference.Loss(test.Sizes, parameters, input, batch, vectorTargets, tokens);
                    parameters[t][i] = original - h;
                    (minus, bool[] minusPattern) = MlpReference.Loss(test.Sizes, parameters, input, batch, vectorTargets, tokens);
                    parameters[t][i] = original;
                    if (plusPattern.AsSpan().SequenceEqual(minusPattern))
                    {
                        straddles = false;
                        break;
                    }
                }

                if (straddles)
                {
                    skipped++;
                    continue;
                }

                double numeric = (plus - minus) / (2 * h);
                double allowed = 1e-4 * scale + 1e-6;
                Assert.True(Math.Abs(numeric - analytic[i]) <= allowed,
                    $"{test}: {mlp.Parameters[t].Name}[{i}] analytic {analytic[i]:R}, finite difference {numeric:R}");
                checkedCount++;
            }
        }

        Assert.True(skipped <= checkedCount / 10 + 2, $"{test}: {skipped} elements straddled a ReLU kink, {checkedCount} checked");
    }

    [Fact]
    public void Same_seed_gives_identical_weights_and_different_seeds_differ()
    {
        var a = new Mlp([128, 256, 128], 4, seed: 5);
        var b = new Mlp([128, 256, 128], 4, seed: 5);
        var c = new Mlp([128, 256, 128], 4, seed: 6);
        for (int t = 0; t < a.Parameters.Count; t++)
        {
            Assert.Equal(a.Parameters[t].Value, b.Parameters[t].Value);
            Assert.NotEqual(a.Parameters[t].Value, c.Parameters[t].Value);
        }
    }

    [Fact]
    public void Initialisation_follows_PyTorch_bounds()
    {
        // nn.Linear draws weight and bias from U(−1/√fan_in, 1/√fan_in); 32,768 draws fill the interval.
        var mlp = new Mlp([128, 256, 128], 1, seed: 1);
        foreach (Parameter parameter in mlp.Parameters)
        {
            int fanIn = parameter.Name.StartsWith("layers.0", StringComparison.Ordinal) ? 128 : 256;
            float bound = (float)(1 / Math.Sqrt(fanIn));
            Assert.All(parameter.Value, v => Assert.InRange(v, -bound, bound));
            Assert.True(parameter.Value.Max() > 0.9f * bound && parameter.Value.Min() < -0.9f * bound, parameter.Name);
        }

        Assert.Equal(["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"], mlp.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void Predicting_one_row_at_a_time_equals_predicting_the_batch()
    {
        var mlp = new Mlp([16, 33, 7], maxBatch: 10, seed: 3);
        float[] input = Generators.RandomArray(25 * 16, 4);
        var whole = new float[25 * 7];
        mlp.Predict(input, whole);
        var single = new float[7];
        for (int row = 0; row < 25; row++)
        {
            mlp.Predict(input.AsSpan(row * 16, 16), single);
            // Batch 1 runs the dot-product path, the batch the packed kernel: the same 16- and 33-term sums in another
            // association, so they differ by at most γ₃₃·Σ|w||x| ≈ 33·2⁻²⁴·(33·1·1) ≈ 6.5e-5 in the worst case for
            // values in [−1, 1), usually far less; 1e-4 holds the worst case.
            for (int j = 0; j < 7; j++)
                Assert.Equal(whole[row * 7 + j], single[j], 1e-4f);
        }
    }
}
