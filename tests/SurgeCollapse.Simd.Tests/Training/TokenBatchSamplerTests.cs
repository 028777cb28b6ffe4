using SurgeCollapse.Simd.Data;
using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Noise;
using SurgeCollapse.Simd.Optimizers;
using SurgeCollapse.Simd.Training;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Training;

public sealed class TokenBatchSamplerTests
{
    /// <summary>A Markov sequence of 1,000 samples over V = 5 with k = 3 (input rows of 15 floats).</summary>
    private static TokenDataset Tokens(int samples = 1_000) =>
        new MarkovDataSource(new MarkovDataOptions { VocabularySize = 5, Order = 3, Samples = samples, ValidationFraction = 0, Seed = 2 }).Samples;

    /// <summary>
    /// The token sampler gives, bit for bit, what the vector sampler gives over the stored one-hot rows (targets stored
    /// as floats) with the same options: same order every epoch, remainder batches included, same noise.
    /// </summary>
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    public void Batches_equal_those_of_BatchSampler_over_the_stored_one_hot_rows(double sigma)
    {
        TokenDataset tokens = Tokens();
        Dataset stored = Stored(tokens);
        var options = new BatchSamplerOptions { BatchSize = 48, InputNoiseStandardDeviation = sigma, Seed = 9 };
        var reference = new BatchSampler(stored, options);
        var sampler = new TokenBatchSampler(tokens, options);
        Assert.Equal(reference.BatchesPerEpoch, sampler.BatchesPerEpoch);

        var expectedInputs = new float[48 * 15];
        var expectedTargets = new float[48];
        var inputs = new float[48 * 15];
        var targets = new int[48];
        for (int batch = 0; batch < 3 * sampler.BatchesPerEpoch; batch++) // 1,000 = 20·48 + 40: a remainder every epoch
        {
            int expectedRows = reference.NextBatch(expectedInputs, expectedTargets);
            int rowCount = sampler.NextBatch(inputs, targets);
            Assert.Equal(expectedRows, rowCount);
            Assert.True(expectedInputs.AsSpan(0, rowCount * 15).SequenceEqual(inputs.AsSpan(0, rowCount * 15)), $"batch {batch}");
            for (int row = 0; row < rowCount; row++)
                Assert.Equal((int)expectedTargets[row], targets[row]);
            Assert.Equal((reference.Epoch, reference.Step), (sampler.Epoch, sampler.Step));
        }
    }

    /// <summary>With a run's noise stream instead of the options' seed, the batches still equal the vector sampler's given an identical stream.</summary>
    [Fact]
    public void A_given_noise_stream_is_used_and_advanced()
    {
        TokenDataset tokens = Tokens(100);
        var options = new BatchSamplerOptions { BatchSize = 16, InputNoiseStandardDeviation = 0.2, Seed = 3 };
        var pool = new NoisePool(seed: 21, capacity: 0);
        var sampler = new TokenBatchSampler(tokens, options, pool.InputNoise);
        var reference = new BatchSampler(Stored(tokens), options, new NoisePool(seed: 21, capacity: 0).InputNoise);
        var inputs = new float[16 * 15];
        var expected = new float[16 * 15];
        sampler.NextBatch(inputs, new int[16]);
        reference.NextBatch(expected, new float[16]);
        Assert.Equal(expected, inputs);
        Assert.Equal(16 * 15, pool.InputNoise.Position);
    }

    /// <summary>1,000 batches of 64 rows of 8 bytes of context over 256 byte values (2,048 floats a row), σ = 0.1, allocate nothing.</summary>
    [Fact]
    public void Batches_allocate_nothing()
    {
        var random = new Xoshiro256(5);
        var ids = new int[9_008];
        for (int i = 0; i < ids.Length; i++)
            ids[i] = random.NextInt32(256);
        var sampler = new TokenBatchSampler(new TokenDataset(ids, 8, 256), new BatchSamplerOptions { InputNoiseStandardDeviation = 0.1, Seed = 11 });
        var inputs = new float[64 * 2048];
        var targets = new int[64];
        // The warm-up passes an epoch boundary (141 batches), so every path is compiled.
        Assert.Equal(0, Allocations.AfterWarmUp(1_000, _ => sampler.NextBatch(inputs, targets)));
    }

    [Fact]
    public void Short_buffers_and_empty_sets_are_rejected()
    {
        var sampler = new TokenBatchSampler(Tokens(10), new BatchSamplerOptions { BatchSize = 4 });
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => sampler.NextBatch(new float[59], new int[4])).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => sampler.NextBatch(new float[60], new int[3])).ParamName);
        Assert.Equal("training", Assert.Throws<ArgumentException>(() =>
            new TokenBatchSampler(new TokenDataset([1, 2, 3], 3, 5), new BatchSamplerOptions())).ParamName);
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new TokenBatchSampler(Tokens(10), new BatchSamplerOptions { BatchSize = 0 }));
        Assert.Throws<ArgumentNullException>(() => new TokenBatchSampler(Tokens(10), new BatchSamplerOptions(), null!));
    }

    /// <summary>
    /// The evaluation of token data in chunks of the model's largest batch (7 here, over 20 samples: 7 + 7 + 6) equals
    /// the mean of the per-sample losses. Tolerance 1e-6 relative: each loss is a float32 log-sum-exp (a few ulps), and
    /// the mean of 20 of them in double adds nothing.
    /// </summary>
    [Fact]
    public void Trainer_evaluates_token_data_in_chunks()
    {
        TokenDataset tokens = Tokens(20);
        var model = new Mlp([15, 8, 5], maxBatch: 7, seed: 4);
        var trainer = new Trainer(model, new Sgd(model.Parameters, new SgdOptions()), LossKind.CrossEntropy);
        var scratch = new float[7 * 15];
        double chunked = trainer.Evaluate(tokens, scratch);

        double sum = 0;
        var row = new float[15];
        for (int i = 0; i < tokens.Count; i++)
        {
            tokens.EncodeInputs(i, 1, row);
            sum += trainer.ForwardAndLoss(row, tokens.Targets.Slice(i, 1));
        }

        Assert.Equal(sum / tokens.Count, chunked, 1e-6 * chunked);
        Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Evaluate(tokens.Slice(0, 0), scratch));
    }

    /// <summary>The one-hot rows stored in full, with each target id as a float: what the token sampler avoids storing.</summary>
    private static Dataset Stored(TokenDataset tokens)
    {
        var rows = new float[tokens.Count * tokens.InputSize];
        tokens.EncodeInputs(0, tokens.Count, rows);
        return new Dataset(rows, tokens.Targets.ToArray().Select(id => (float)id).ToArray(), tokens.InputSize, 1);
    }
}
