using SurgeCollapse.Simd.Data;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Data;

public sealed class TokenDatasetTests
{
    /// <summary>The sequence 2 0 1 1 2 0 over V = 3 with k = 2: four samples.</summary>
    private static TokenDataset Small() => new([2, 0, 1, 1, 2, 0], contextLength: 2, vocabularySize: 3);

    [Fact]
    public void Samples_are_the_windows_of_k_tokens_and_the_next_one()
    {
        TokenDataset data = Small();
        Assert.Equal((4, 2, 3, 6), (data.Count, data.ContextLength, data.VocabularySize, data.InputSize));
        Assert.Equal([2, 0], data.Context(0).ToArray());
        Assert.Equal([1, 2], data.Context(3).ToArray());
        Assert.Equal([1, 1, 2, 0], data.Targets.ToArray());
        Assert.Equal(0, data.Target(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Context(4));
    }

    /// <summary>Row = k blocks of V floats, oldest token first, a single 1 per block at the token's id.</summary>
    [Fact]
    public void Inputs_are_one_hot_blocks_oldest_first()
    {
        TokenDataset data = Small();
        var rows = new float[4 * 6 + 1];
        rows.AsSpan().Fill(7); // stale values and a sentinel
        data.EncodeInputs(0, 4, rows);
        float[] expected =
        [
            0, 0, 1, /**/ 1, 0, 0, // 2 0
            1, 0, 0, /**/ 0, 1, 0, // 0 1
            0, 1, 0, /**/ 0, 1, 0, // 1 1
            0, 1, 0, /**/ 0, 0, 1, // 1 2
            7,
        ];
        Assert.Equal(expected, rows);

        var two = new float[12];
        data.EncodeInputs(2, 2, two);
        Assert.Equal(expected.AsSpan(12, 12).ToArray(), two);
        Assert.Throws<ArgumentException>(() => data.EncodeInputs(0, 2, new float[11]));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.EncodeInputs(3, 2, new float[12]));
    }

    [Fact]
    public void Split_keeps_order_and_shares_the_boundary_tokens()
    {
        var tokens = Enumerable.Range(0, 23).Select(i => i % 5).ToArray();
        var data = new TokenDataset(tokens, contextLength: 3, vocabularySize: 5); // 20 samples
        (TokenDataset training, TokenDataset validation) = data.Split(0.1);
        Assert.Equal((18, 2), (training.Count, validation.Count));
        Assert.True(training.Targets.SequenceEqual(data.Targets[..18]));
        Assert.True(validation.Targets.SequenceEqual(data.Targets[18..]));
        Assert.True(validation.Context(0).SequenceEqual(data.Context(18)));
        Assert.True(training.Context(17).SequenceEqual(data.Context(17)));

        (training, validation) = data.Split(0);
        Assert.Equal((20, 0), (training.Count, validation.Count));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Split(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Split(double.NaN));
    }

    [Fact]
    public void The_dataset_keeps_its_own_copy()
    {
        int[] tokens = [0, 1, 1];
        var data = new TokenDataset(tokens, 1, 2);
        tokens[2] = 0;
        Assert.Equal(1, data.Target(1));
    }

    [Fact]
    public void Bad_ids_and_sizes_are_rejected()
    {
        Assert.Equal("tokens", Assert.Throws<ArgumentOutOfRangeException>(() => new TokenDataset([0, 3], 1, 3)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenDataset([0, -1], 1, 3));
        Assert.Equal("tokens", Assert.Throws<ArgumentException>(() => new TokenDataset([0], 2, 3)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenDataset([0, 1], 0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenDataset([0, 1], 1, 0));
        Assert.Equal(0, new TokenDataset([1, 0], 2, 2).Count); // a context and no target: an empty set
    }
}
