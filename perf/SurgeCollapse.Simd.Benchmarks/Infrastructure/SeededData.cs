using SurgeCollapse.Simd.Noise;

namespace SurgeCollapse.Simd.Benchmarks.Infrastructure;

/// <summary>Benchmark inputs drawn from a fixed seed, so every run and every machine measures the same numbers.</summary>
internal static class SeededData
{
    /// <summary>The seed every benchmark derives its data from (plus a per-array offset).</summary>
    public const ulong Seed = 20261123;

    /// <summary>A new array of <paramref name="length"/> floats uniform in [-1, 1).</summary>
    public static float[] Uniform(int length, ulong seedOffset)
    {
        var random = new Xoshiro256(Seed + seedOffset);
        var values = new float[length];
        for (int i = 0; i < values.Length; i++)
            values[i] = random.NextUniform(-1f, 1f);
        return values;
    }
}
