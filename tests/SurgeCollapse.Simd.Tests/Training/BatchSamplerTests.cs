using FsCheck;
using FsCheck.Xunit;
using SurgeCollapse.Simd.Data;
using SurgeCollapse.Simd.Noise;
using SurgeCollapse.Simd.Tests.Data;
using SurgeCollapse.Simd.Training;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Training;

public sealed class BatchSamplerTests
{
    /// <summary>Each epoch, every sample comes exactly once, in full batches then the remainder; Epoch and Step count along.</summary>
    [Property(MaxTest = 60)]
    public void Every_sample_is_visited_once_per_epoch(PositiveInt count, PositiveInt batchSize, ulong seed)
    {
        int n = 1 + count.Get % 300, b = 1 + batchSize.Get % 70;
        var sampler = new BatchSampler(DatasetTests.Indexed(n), new BatchSamplerOptions { BatchSize = b, Seed = seed });
        int batchesPerEpoch = (n + b - 1) / b;
        Assert.Equal(batchesPerEpoch, sampler.BatchesPerEpoch);
        var inputs = new float[b * 2];
        var targets = new float[b];
        for (int epoch = 0; epoch < 3; epoch++)
        {
            var seen = new int[n];
            for (int batch = 0; batch < batchesPerEpoch; batch++)
            {
                int rows = sampler.NextBatch(inputs, targets);
                Assert.Equal(batch < batchesPerEpoch - 1 || n % b == 0 ? b : n % b, rows);
                Assert.Equal(epoch, sampler.Epoch);
                Assert.Equal((long)epoch * batchesPerEpoch + batch + 1, sampler.Step);
                for (int row = 0; row < rows; row++)
                {
                    int sample = (int)inputs[2 * row];
                    Assert.Equal(-sample, targets[row]); // input and target rows stay paired
                    seen[sample]++;
                }
            }

            Assert.All(seen, times => Assert.Equal(1, times));
        }
    }

    [Fact]
    public void Order_is_reshuffled_every_epoch_and_fixed_by_the_seed()
    {
        int[][] first = Orders(seed: 1, epochs: 3), again = Orders(seed: 1, epochs: 3), other = Orders(seed: 2, epochs: 1);
        Assert.Equal(first, again);
        Assert.NotEqual(first[0], first[1]);
        Assert.NotEqual(first[1], first[2]);
        Assert.NotEqual(first[0], other[0]);
        Assert.NotEqual(Enumerable.Range(0, 1000), first[0]); // shuffled from the first epoch on
    }

    /// <summary>
    /// All 120 orders of 5 samples are equally likely (Fisher–Yates; an off-by-one would give Sattolo's cycles, only 24
    /// orders). Pearson's χ² over 12,000 epochs has 119 degrees of freedom (mean 119, standard deviation 15.4); 212 is
    /// six standard deviations above the mean (p ≈ 1e-6 by the Wilson–Hilferty approximation).
    /// </summary>
    [Fact]
    public void Every_order_is_equally_likely()
    {
        const int Epochs = 12_000;
        var sampler = new BatchSampler(DatasetTests.Indexed(5), new BatchSamplerOptions { BatchSize = 5, Seed = 3 });
        var inputs = new float[10];
        var targets = new float[5];
        var counts = new Dictionary<int, int>();
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            sampler.NextBatch(inputs, targets);
            int key = 0;
            for (int row = 0; row < 5; row++)
                key = key * 5 + (int)inputs[2 * row];
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        Assert.Equal(120, counts.Count);
        const double Expected = Epochs / 120.0;
        double chiSquare = counts.Values.Sum(observed => (observed - Expected) * (observed - Expected) / Expected);
        Assert.True(chiSquare < 212, $"χ² = {chiSquare:F1}");
    }

    /// <summary>
    /// The noise (batch input − stored input) has mean 0 and standard deviation σ. Over N = 200·64·16 = 204,800 values
    /// the sample standard deviation has relative standard error 1/√(2N) = 1.6e-3 and the mean standard error σ/√N:
    /// both are asserted within 6 standard errors. Rounding the noisy input to float32 adds at most 6e-8·|x| ≤ 1e-7.
    /// </summary>
    [Theory]
    [InlineData(0.05)]
    [InlineData(0.1)]
    [InlineData(0.2)]
    public void Input_noise_has_the_requested_standard_deviation_and_spares_the_targets(double sigma)
    {
        const int InputSize = 16, BatchSize = 64, Batches = 200;
        Dataset dataset = RandomDataset(1000, InputSize, seed: 4);
        var sampler = new BatchSampler(dataset, new BatchSamplerOptions { BatchSize = BatchSize, InputNoiseStandardDeviation = sigma, Seed = 5 });
        var inputs = new float[BatchSize * InputSize];
        var targets = new float[BatchSize];
        double sum = 0, sumOfSquares = 0;
        long n = 0;
        for (int batch = 0; batch < Batches; batch++)
        {
            int rows = sampler.NextBatch(inputs, targets);
            for (int row = 0; row < rows; row++)
            {
                int sample = (int)targets[row]; // RandomDataset stores each sample's index as its target
                ReadOnlySpan<float> stored = dataset.InputRow(sample);
                for (int i = 0; i < InputSize; i++)
                {
                    double noise = inputs[row * InputSize + i] - (double)stored[i];
                    sum += noise;
                    sumOfSquares += noise * noise;
                    n++;
                }
            }
        }

        double mean = sum / n, deviation = Math.Sqrt(sumOfSquares / n - mean * mean);
        Assert.True(Math.Abs(mean) <= 6 * sigma / Math.Sqrt(n), $"mean {mean:G3}");
        Assert.True(Math.Abs(deviation / sigma - 1) <= 6 / Math.Sqrt(2.0 * n), $"standard deviation {deviation:R} for σ = {sigma}");
    }

    /// <summary>
    /// Batch input = stored input + z·σ (float32, product and sum each rounded once), with z the sampler's noise stream
    /// in order: by default stream InputNoise of the options' seed, else the generator given (a run's NoisePool), which
    /// the sampler then advances by one value per input.
    /// </summary>
    [Fact]
    public void Input_noise_is_sigma_times_its_stream()
    {
        const int InputSize = 8, BatchSize = 16, Batches = 3;
        Dataset dataset = RandomDataset(100, InputSize, seed: 13);
        var options = new BatchSamplerOptions { BatchSize = BatchSize, InputNoiseStandardDeviation = 0.1, Seed = 14 };
        var pool = new NoisePool(seed: 21, capacity: 0);
        var samplers = new[] { new BatchSampler(dataset, options), new BatchSampler(dataset, options, pool.InputNoise) };
        var streams = new[] { new NormalGenerator(14, (ulong)RandomPurpose.InputNoise), new NormalGenerator(21, (ulong)RandomPurpose.InputNoise) };
        var inputs = new float[BatchSize * InputSize];
        var targets = new float[BatchSize];
        var z = new float[BatchSize * InputSize];
        for (int k = 0; k < samplers.Length; k++)
        {
            for (int batch = 0; batch < Batches; batch++)
            {
                int rows = samplers[k].NextBatch(inputs, targets);
                streams[k].FillStandardNormal(z.AsSpan(0, rows * InputSize));
                Assert.True(z.AsSpan(0, rows * InputSize).SequenceEqual(samplers[k].LastInputNoise), "the sampler keeps the batch's normals");
                for (int row = 0; row < rows; row++)
                {
                    ReadOnlySpan<float> stored = dataset.InputRow((int)targets[row]);
                    for (int i = 0; i < InputSize; i++)
                        Assert.Equal(stored[i] + z[row * InputSize + i] * 0.1f, inputs[row * InputSize + i]);
                }
            }
        }

        Assert.Equal(Batches * BatchSize * InputSize, pool.InputNoise.Position);
        Assert.Throws<ArgumentNullException>(() => new BatchSampler(dataset, options, null!));
    }

    [Fact]
    public void Zero_sigma_copies_the_rows_exactly()
    {
        Dataset dataset = RandomDataset(100, 8, seed: 6);
        var sampler = new BatchSampler(dataset, new BatchSamplerOptions { BatchSize = 16, Seed = 7 });
        var inputs = new float[16 * 8];
        var targets = new float[16];
        for (int batch = 0; batch < 20; batch++)
        {
            int rows = sampler.NextBatch(inputs, targets);
            for (int row = 0; row < rows; row++)
                Assert.True(inputs.AsSpan(row * 8, 8).SequenceEqual(dataset.InputRow((int)targets[row])));
            Assert.True(sampler.LastInputNoise.IsEmpty);
        }
    }

    [Fact]
    public void Noise_is_reproducible_and_never_changes_the_order()
    {
        Dataset dataset = RandomDataset(200, 4, seed: 8);
        (float[] noisyInputs, float[] noisyTargets) = Draw(dataset, sigma: 0.2, batches: 10);
        (float[] againInputs, _) = Draw(dataset, sigma: 0.2, batches: 10);
        (float[] cleanInputs, float[] cleanTargets) = Draw(dataset, sigma: 0, batches: 10);
        Assert.Equal(noisyInputs, againInputs);
        Assert.Equal(cleanTargets, noisyTargets);
        Assert.NotEqual(cleanInputs, noisyInputs);
    }

    [Fact]
    public void Noise_never_reaches_the_stored_or_validation_data()
    {
        var options = new ArDataOptions { Dimension = 16, Samples = 500, Seed = 9 };
        var source = new ArDataSource(options);
        float[] inputsBefore = source.Samples.Inputs.ToArray(), targetsBefore = source.Samples.Targets.ToArray();
        var sampler = new BatchSampler(source.Training, new BatchSamplerOptions { BatchSize = 64, InputNoiseStandardDeviation = 0.2, Seed = 1 });
        var inputs = new float[64 * 16];
        var targets = new float[64 * 16];
        for (int batch = 0; batch < 50; batch++)
            sampler.NextBatch(inputs, targets);

        Assert.True(source.Samples.Inputs.SequenceEqual(inputsBefore));
        Assert.True(source.Samples.Targets.SequenceEqual(targetsBefore));
        var fresh = new ArDataSource(options);
        Assert.True(source.Validation.Inputs.SequenceEqual(fresh.Validation.Inputs));
    }

    /// <summary>1,000 batches of the default shape (64 × 128, σ = 0.1, over 9,000 samples: seven reshuffles) allocate nothing.</summary>
    [Fact]
    public void Batches_allocate_nothing()
    {
        Dataset dataset = RandomDataset(9_000, 128, seed: 10);
        var sampler = new BatchSampler(dataset, new BatchSamplerOptions { InputNoiseStandardDeviation = 0.1, Seed = 11 });
        var inputs = new float[64 * 128];
        var targets = new float[64];
        // The warm-up passes an epoch boundary (141 batches), so every path is compiled.
        Assert.Equal(0, Allocations.AfterWarmUp(1_000, _ => sampler.NextBatch(inputs, targets)));
    }

    [Fact]
    public void Short_buffers_empty_sets_and_bad_options_are_rejected()
    {
        var sampler = new BatchSampler(DatasetTests.Indexed(10), new BatchSamplerOptions { BatchSize = 4 });
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => sampler.NextBatch(new float[7], new float[4])).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => sampler.NextBatch(new float[8], new float[3])).ParamName);
        Assert.Equal("training", Assert.Throws<ArgumentException>(() =>
            new BatchSampler(DatasetTests.Indexed(0), new BatchSamplerOptions())).ParamName);

        var error = Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new BatchSamplerOptions { BatchSize = 0 }.Validate());
        Assert.Equal("BatchSize", error.ParamName);
        Assert.Contains("BatchSize = 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("[1, 65536]", error.Message, StringComparison.Ordinal);
        error = Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new BatchSamplerOptions { InputNoiseStandardDeviation = -0.1 }.Validate());
        Assert.Equal("InputNoiseStandardDeviation", error.ParamName);
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new BatchSamplerOptions { InputNoiseStandardDeviation = double.NaN }.Validate());
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new BatchSampler(DatasetTests.Indexed(10), new BatchSamplerOptions { BatchSize = 65_537 }));
    }

    [Fact]
    public void Defaults_are_those_of_the_spec()
    {
        var options = new BatchSamplerOptions();
        Assert.Equal(64, options.BatchSize);
        Assert.Equal(0, options.InputNoiseStandardDeviation);
    }

    private static int[][] Orders(ulong seed, int epochs)
    {
        var sampler = new BatchSampler(DatasetTests.Indexed(1000), new BatchSamplerOptions { Seed = seed });
        var inputs = new float[64 * 2];
        var targets = new float[64];
        var orders = new int[epochs][];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            var order = new List<int>();
            for (int batch = 0; batch < sampler.BatchesPerEpoch; batch++)
            {
                int rows = sampler.NextBatch(inputs, targets);
                for (int row = 0; row < rows; row++)
                    order.Add((int)inputs[2 * row]);
            }

            orders[epoch] = order.ToArray();
        }

        return orders;
    }

    private static (float[] Inputs, float[] Targets) Draw(Dataset dataset, double sigma, int batches)
    {
        var sampler = new BatchSampler(dataset, new BatchSamplerOptions { BatchSize = 32, InputNoiseStandardDeviation = sigma, Seed = 12 });
        var inputs = new float[batches * 32 * dataset.InputSize];
        var targets = new float[batches * 32];
        for (int batch = 0; batch < batches; batch++)
            sampler.NextBatch(inputs.AsSpan(batch * 32 * dataset.InputSize), targets.AsSpan(batch * 32));
        return (inputs, targets);
    }

    /// <summary>Uniform inputs in [−1, 1) and, as the one-float target, the sample's own index.</summary>
    private static Dataset RandomDataset(int count, int inputSize, int seed)
    {
        float[] inputs = Generators.RandomArray(count * inputSize, seed);
        var targets = new float[count];
        for (int i = 0; i < count; i++)
            targets[i] = i;
        return new Dataset(inputs, targets, inputSize, 1);
    }
}
