using SurgeCollapse.Simd.Noise;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Noise;

public sealed class NoisePoolTests
{
    [Fact]
    public void Each_consumer_draws_its_own_stream_of_the_run_seed()
    {
        var pool = new NoisePool(seed: 9, capacity: 16);
        NormalGenerator[] generators = [pool.InputNoise, pool.EntropyPump, pool.Surge];
        RandomPurpose[] ids = [RandomPurpose.InputNoise, RandomPurpose.EntropyPump, RandomPurpose.Surge];
        var drawn = new float[3][];
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal((9UL, (ulong)ids[i]), (generators[i].Seed, generators[i].Stream));
            drawn[i] = new float[256];
            generators[i].FillStandardNormal(drawn[i]);
            var expected = new float[256];
            new NormalGenerator(9, (ulong)ids[i]).FillStandardNormal(expected);
            Assert.Equal(expected, drawn[i]);
        }

        Assert.NotEqual(drawn[0], drawn[1]);
        Assert.NotEqual(drawn[1], drawn[2]);
        Assert.NotEqual(drawn[0], drawn[2]);
    }

    /// <summary>Surge values are r·z, z the surge stream in order (r·z rounded once), and a call continues where the last stopped.</summary>
    [Fact]
    public void Surge_values_are_the_recovery_factor_times_the_surge_stream()
    {
        const float RecoveryFactor = 0.1f;
        var pool = new NoisePool(seed: 4, capacity: 1000);
        var z = new float[1000 + 37];
        new NormalGenerator(4, (ulong)RandomPurpose.Surge).FillStandardNormal(z);

        float[] first = pool.DrawSurge(37, RecoveryFactor).ToArray();
        float[] second = pool.DrawSurge(1000, RecoveryFactor).ToArray();
        Assert.Equal(z[..37].Select(value => value * RecoveryFactor), first);
        Assert.Equal(z[37..].Select(value => value * RecoveryFactor), second);
        Assert.Equal(1037, pool.Surge.Position);
        Assert.True(pool.DrawSurge(0, RecoveryFactor).IsEmpty);
        Assert.Equal(1037, pool.Surge.Position);
        Assert.Equal(0, pool.InputNoise.Position + pool.EntropyPump.Position);
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        var pool = new NoisePool(seed: 1, capacity: 10);
        Assert.Equal(10, pool.Capacity);
        Assert.Equal("count", Assert.ThrowsAny<ArgumentOutOfRangeException>(() => pool.DrawSurge(11, 0.1f)).ParamName);
        Assert.Equal("count", Assert.ThrowsAny<ArgumentOutOfRangeException>(() => pool.DrawSurge(-1, 0.1f)).ParamName);
        Assert.Equal("recoveryFactor", Assert.ThrowsAny<ArgumentOutOfRangeException>(() => pool.DrawSurge(5, -0.1f)).ParamName);
        Assert.Equal("recoveryFactor", Assert.ThrowsAny<ArgumentOutOfRangeException>(() => pool.DrawSurge(5, float.NaN)).ParamName);
        Assert.Equal("capacity", Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new NoisePool(seed: 1, capacity: -1)).ParamName);
        Assert.Equal(0, pool.Surge.Position);
    }

    /// <summary>A surge of the default model's largest weight matrix (256 × 128) allocates nothing.</summary>
    [Fact]
    public void Surges_allocate_nothing()
    {
        var pool = new NoisePool(seed: 2, capacity: 256 * 128);
        Assert.Equal(0, Allocations.AfterWarmUp(100, i => pool.DrawSurge(256 * 128 - i % 1000, 0.1f)));
    }
}
