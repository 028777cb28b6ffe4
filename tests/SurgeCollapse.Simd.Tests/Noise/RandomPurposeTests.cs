using SurgeCollapse.Simd.Noise;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Noise;

public sealed class RandomPurposeTests
{
    [Fact]
    public void Streams_of_one_seed_are_unrelated()
    {
        // Before streams existed, the ar matrix and the initial weights drew the same numbers from one seed
        // (correlation 1 after undoing Box–Muller). Each consumer now has its own stream.
        for (ulong seed = 0; seed < 100; seed++)
        {
            ulong[] firsts = [.. Enum.GetValues<RandomPurpose>().Select(purpose => new Xoshiro256(seed, purpose).NextUInt64())];
            Assert.Equal(firsts.Length, firsts.Distinct().Count());
            Assert.Equal(new Xoshiro256(seed).NextUInt64(), new Xoshiro256(seed, RandomPurpose.Default).NextUInt64());
        }
    }
}
