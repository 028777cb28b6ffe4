using SurgeCollapse.Simd.Data;
using SurgeCollapse.Simd.Noise;
using SurgeCollapse.Simd.Tests.Reference;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Data;

/// <summary>The default data (SPEC §2), generated once for the tests that only read it.</summary>
public sealed class DefaultArData
{
    public ArDataSource Source { get; } = new(new ArDataOptions { Seed = 1 });
}

public sealed class ArDataSourceTests(DefaultArData data) : IClassFixture<DefaultArData>
{
    private static readonly ArDataOptions Small = new() { Dimension = 37, Samples = 300, SpectralRadius = 0.8, NoiseScale = 0.2, Seed = 5 };

    private ArDataSource Source => data.Source;

    [Fact]
    public void Defaults_are_those_of_the_spec()
    {
        var options = new ArDataOptions();
        Assert.Equal((128, 10_000, 0.9, 0.1, 0.1), (options.Dimension, options.Samples, options.SpectralRadius, options.NoiseScale, options.ValidationFraction));
    }

    [Fact]
    public void Samples_are_consecutive_state_pairs_split_90_10_in_time_order()
    {
        const int D = 128;
        Assert.Equal((10_000, D, D), (Source.Samples.Count, Source.Samples.InputSize, Source.Samples.TargetSize));
        Assert.Equal(9_000, Source.Training.Count);
        Assert.Equal(1_000, Source.Validation.Count);
        // target t is input t + 1: 10,001 states in all
        Assert.True(Source.Samples.Targets[..^D].SequenceEqual(Source.Samples.Inputs[D..]));
        Assert.True(Source.Training.InputRow(0).SequenceEqual(Source.Samples.InputRow(0)));
        Assert.True(Source.Validation.InputRow(0).SequenceEqual(Source.Training.TargetRow(8_999)));
        Assert.True(Source.Validation.TargetRow(999).SequenceEqual(Source.Samples.TargetRow(9_999)));
    }

    /// <summary>
    /// Checked by QR iterations, not by the Gelfand routine that scaled A. Tolerance 1e-9: the scaling is off by the
    /// Gelfand error (≈ 1e-11 bias plus κ(λ)·n·u) and the oracle by κ(λ)·n·u, with n = 128, u = 1.1e-16 and κ(λ) the
    /// modest condition number of the dominant eigenvalue of a Gaussian matrix.
    /// </summary>
    [Fact]
    public void Transition_has_spectral_radius_0_9()
    {
        double radius = EigenvalueOracle.SpectralRadius(Source.Transition, 128);
        Assert.True(Math.Abs(radius - 0.9) <= 1e-9, $"ρ(A) = {radius:R}");
    }

    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(2, 0.3)]
    [InlineData(5, 0.99)]
    [InlineData(37, 0.8)]
    public void Transition_has_the_requested_spectral_radius_at_any_dimension(int dimension, double spectralRadius)
    {
        var source = new ArDataSource(new ArDataOptions { Dimension = dimension, Samples = 10, SpectralRadius = spectralRadius, Seed = 3 });
        double radius = EigenvalueOracle.SpectralRadius(source.Transition, dimension);
        Assert.True(Math.Abs(radius - spectralRadius) <= 1e-9 * spectralRadius, $"ρ(A) = {radius:R}");
    }

    [Fact]
    public void Same_seed_gives_bit_identical_data()
    {
        var again = new ArDataSource(Source.Options);
        Assert.True(again.Transition.SequenceEqual(Source.Transition));
        Assert.True(again.Samples.Inputs.SequenceEqual(Source.Samples.Inputs));
        Assert.True(again.Samples.Targets.SequenceEqual(Source.Samples.Targets));
    }

    [Fact]
    public void Different_seeds_give_different_data()
    {
        var other = new ArDataSource(Source.Options with { Seed = 2 });
        Assert.False(other.Transition.SequenceEqual(Source.Transition));
        Assert.False(other.Samples.Inputs.SequenceEqual(Source.Samples.Inputs));
    }

    /// <summary>
    /// Replays the documented stream layout with plain scalar loops (A's entries row-major, then ε step by step from x = 0,
    /// each A·x entry summed in index order): every float must match bit for bit. Run under every instruction set
    /// (CI), this shows the vectorised generation does not depend on the vector width.
    /// </summary>
    [Fact]
    public void Generation_replays_bit_for_bit_with_scalar_loops()
    {
        var source = new ArDataSource(Small);
        int d = Small.Dimension;
        var random = new Xoshiro256(Small.Seed, RandomPurpose.Data);
        var a = new double[d * d];
        for (int i = 0; i < a.Length; i++)
            a[i] = random.NextGaussian();
        double factor = Small.SpectralRadius / SpectralRadius.Compute(a, d);
        for (int i = 0; i < a.Length; i++)
            a[i] *= factor;
        Assert.True(source.Transition.SequenceEqual(a));

        var x = new double[d];
        var next = new double[d];
        var states = new List<float>();
        int burnIn = ArDataSource.BurnInSteps(Small.SpectralRadius);
        for (int step = 0; step <= burnIn + Small.Samples; step++)
        {
            if (step >= burnIn)
                states.AddRange(x.Select(value => (float)value));
            for (int i = 0; i < d; i++)
            {
                double sum = a[i * d] * x[0];
                for (int j = 1; j < d; j++)
                    sum += a[i * d + j] * x[j];
                next[i] = sum + Small.NoiseScale * random.NextGaussian();
            }

            (x, next) = (next, x);
        }

        float[] expected = states.ToArray();
        Assert.True(source.Samples.Inputs.SequenceEqual(expected.AsSpan(0, Small.Samples * d)));
        Assert.True(source.Samples.Targets.SequenceEqual(expected.AsSpan(d, Small.Samples * d)));
    }

    [Fact]
    public void Burn_in_lasts_until_the_start_has_decayed_a_millionfold()
    {
        Assert.Equal(132, ArDataSource.BurnInSteps(0.9)); // 0.9^131 = 1.01e-6, 0.9^132 = 0.91e-6
        Assert.Equal(1, ArDataSource.BurnInSteps(1e-7));
    }

    /// <summary>
    /// x[t+1] − A·x[t] is the innovation 0.1·ε. Over N = 1,280,000 values the sample standard deviation of
    /// N(0, 0.1²) has relative standard error 1/√(2N) = 6.3e-4 and the mean has standard error 0.1/√N = 8.8e-5:
    /// both are asserted within 5 standard errors. Storing the states in float32 adds ≈ 1e-8, negligible.
    /// </summary>
    [Fact]
    public void Innovations_have_standard_deviation_0_1()
    {
        const int D = 128;
        ReadOnlySpan<double> a = Source.Transition;
        double sum = 0, sumOfSquares = 0;
        for (int t = 0; t < Source.Samples.Count; t++)
        {
            ReadOnlySpan<float> input = Source.Samples.InputRow(t), target = Source.Samples.TargetRow(t);
            for (int i = 0; i < D; i++)
            {
                double predicted = 0;
                for (int j = 0; j < D; j++)
                    predicted += a[i * D + j] * input[j];
                double innovation = target[i] - predicted;
                sum += innovation;
                sumOfSquares += innovation * innovation;
            }
        }

        double n = (double)Source.Samples.Count * D;
        double mean = sum / n, deviation = Math.Sqrt(sumOfSquares / n - mean * mean);
        Assert.True(Math.Abs(mean) <= 5 * 0.1 / Math.Sqrt(n), $"mean {mean:G3}");
        Assert.True(Math.Abs(deviation / 0.1 - 1) <= 5 / Math.Sqrt(2 * n), $"standard deviation {deviation:R}");
    }

    /// <summary>
    /// The mean square of the state, over each tenth of the sequence, equals the stationary value tr(Σ)/d, with Σ the
    /// solution of Σ = A·Σ·Aᵀ + 0.01·I: no start-up transient and no drift. Its relative standard error over 1,000
    /// steps is about √(2/ν · τ/1000), with ν = tr(Σ)²/tr(Σ²) the effective number of independent coordinates (≈ 60)
    /// and τ = (1 + ρ²)/(1 − ρ²) ≈ 9.5 the correlation time of ||x||², whose autocorrelation decays like ρ^(2k); the
    /// bound is 6 of those. Every single state stays below 3·tr(Σ): ||x||²/tr(Σ) has mean 1 and standard deviation
    /// √(2/ν) ≈ 0.18, so 3 is about 11 standard deviations out.
    /// </summary>
    [Fact]
    public void States_are_stationary_with_the_theoretical_variance()
    {
        const int D = 128, Tenth = 1_000;
        double[] covariance = StationaryCovariance(Source.Transition.ToArray(), D, 0.01);
        double trace = 0, traceOfSquare = 0;
        for (int i = 0; i < D; i++)
            trace += covariance[i * D + i];
        foreach (double value in covariance)
            traceOfSquare += value * value; // Σ is symmetric: tr(Σ²) = Σᵢⱼ Σᵢⱼ²
        double effectiveCoordinates = trace * trace / traceOfSquare;
        double correlationTime = (1 + 0.81) / (1 - 0.81);
        double tolerance = 6 * Math.Sqrt(2 / effectiveCoordinates * correlationTime / Tenth);

        ReadOnlySpan<float> states = Source.Samples.Inputs;
        for (int part = 0; part < 10; part++)
        {
            double meanSquare = 0;
            foreach (float value in states.Slice(part * Tenth * D, Tenth * D))
                meanSquare += (double)value * value;
            double ratio = meanSquare / (Tenth * trace);
            Assert.True(Math.Abs(ratio - 1) <= tolerance, $"tenth {part}: mean square / tr(Σ) = {ratio:F4}, tolerance {tolerance:F4}");
        }

        for (int t = 0; t < Source.Samples.Count; t++)
        {
            double squaredNorm = 0;
            foreach (float value in Source.Samples.InputRow(t))
                squaredNorm += (double)value * value;
            Assert.True(squaredNorm <= 3 * trace, $"state {t}: ||x||² = {squaredNorm:G4}, tr(Σ) = {trace:G4}");
        }
    }

    [Fact]
    public void Validation_fraction_zero_keeps_every_sample_for_training()
    {
        var source = new ArDataSource(Small with { ValidationFraction = 0 });
        Assert.Equal(Small.Samples, source.Training.Count);
        Assert.Equal(0, source.Validation.Count);
    }

    public static TheoryData<ArDataOptions, string, string> InvalidOptions => new()
    {
        { new ArDataOptions { Dimension = 0 }, "Dimension", "[1, 4096]" },
        { new ArDataOptions { Dimension = 4097 }, "Dimension", "[1, 4096]" },
        { new ArDataOptions { Samples = 0 }, "Samples", "[1, " },
        { new ArDataOptions { Dimension = 4096, Samples = 1 << 20 }, "Samples", "for Dimension = 4096" },
        { new ArDataOptions { SpectralRadius = 0 }, "SpectralRadius", "(0, 0.999]" },
        { new ArDataOptions { SpectralRadius = 1 }, "SpectralRadius", "(0, 0.999]" },
        { new ArDataOptions { SpectralRadius = double.NaN }, "SpectralRadius", "(0, 0.999]" },
        { new ArDataOptions { NoiseScale = 0 }, "NoiseScale", "(0, ∞)" },
        { new ArDataOptions { NoiseScale = double.PositiveInfinity }, "NoiseScale", "(0, ∞)" },
        { new ArDataOptions { ValidationFraction = -0.1 }, "ValidationFraction", "[0, 1)" },
        { new ArDataOptions { ValidationFraction = 1 }, "ValidationFraction", "[0, 1)" },
        { new ArDataOptions { Samples = 1, ValidationFraction = 0.5 }, "ValidationFraction", "at least one" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_options_are_rejected_naming_option_value_and_range(ArDataOptions options, string name, string range)
    {
        var error = Assert.ThrowsAny<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(name, error.ParamName);
        Assert.Contains($"{name} = ", error.Message, StringComparison.Ordinal);
        Assert.Contains(range, error.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new ArDataSource(options));
    }

    /// <summary>Σ = Σ_k A^k·(q·I)·(A^k)ᵀ by doubling: S ← S + P·S·Pᵀ, P ← P², so after 12 rounds 4,096 terms (ρ^8192 ≈ 0).</summary>
    private static double[] StationaryCovariance(double[] a, int n, double q)
    {
        var sum = new double[n * n];
        for (int i = 0; i < n; i++)
            sum[i * n + i] = q;
        double[] power = a;
        for (int round = 0; round < 12; round++)
        {
            double[] added = Multiply(Multiply(power, sum, n, transposeRight: false), power, n, transposeRight: true);
            for (int i = 0; i < sum.Length; i++)
                sum[i] += added[i];
            power = Multiply(power, power, n, transposeRight: false);
        }

        return sum;
    }

    private static double[] Multiply(double[] left, double[] right, int n, bool transposeRight)
    {
        var product = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int k = 0; k < n; k++)
                    sum += left[i * n + k] * (transposeRight ? right[j * n + k] : right[k * n + j]);
                product[i * n + j] = sum;
            }
        }

        return product;
    }
}
