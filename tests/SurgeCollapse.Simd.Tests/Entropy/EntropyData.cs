namespace SurgeCollapse.Simd.Tests.Entropy;

/// <summary>The kinds of data the histogram tests run on.</summary>
public enum DataKind
{
    /// <summary>Uniform in [−1, 1).</summary>
    Uniform,
    /// <summary>Six distinct values, −0 among them, so many values tie.</summary>
    Ties,
    /// <summary>One value repeated: a zero-width batch range.</summary>
    Constant,
    /// <summary>max(x, 0) of uniform values: half exact zeros, as a ReLU layer.</summary>
    Relu,
    /// <summary>Uniform with NaN, ±∞, ±0 and subnormals sprinkled in.</summary>
    Special,
}

/// <summary>Test data for the entropy tests (kept beside them, as the optimizer tests keep theirs; they could join Generators.cs).</summary>
internal static class EntropyData
{
    private static readonly float[] TiedValues = [-2f, -0.5f, -0f, 0.25f, 1f, 3f];

    /// <summary>Every length 0..256 and 511..513 (DESIGN 17): the remainders of every width and the 256-value blocks.</summary>
    public static IEnumerable<int> Lengths => Enumerable.Range(0, 257).Concat([511, 512, 513]);

    public static readonly DataKind[] Kinds = Enum.GetValues<DataKind>();

    /// <summary>Bin counts that leave remainders and reach the maximum.</summary>
    public static readonly int[] BinChoices = [1, 2, 3, 7, 64, 100, 256];

    public static float[] Values(DataKind kind, int length, int seed)
    {
        float[] values = Generators.RandomArray(length, seed);
        var random = new Random(seed);
        for (int i = 0; i < length; i++)
        {
            values[i] = kind switch
            {
                DataKind.Ties => TiedValues[random.Next(TiedValues.Length)],
                DataKind.Constant => 0.7f,
                DataKind.Relu => MathF.Max(values[i], 0f),
                _ => values[i],
            };
        }

        return kind == DataKind.Special ? SpecialValues.Sprinkle(values, seed) : values;
    }

    /// <summary>A fixed range inside [−1, 1), so that values fall outside it at both ends.</summary>
    public static (float Low, float High) FixedRange(int seed)
    {
        var random = new Random(seed);
        float low = (float)(random.NextDouble() - 0.8), high = low + (float)(0.05 + random.NextDouble());
        return (low, high);
    }
}
