using SurgeCollapse.Simd.Noise;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Noise;

public sealed class Threefry4x32Tests
{
    /// <summary>Random123's known-answer vectors for threefry4x32 with 20 rounds (tests/kat_vectors): counter, key, result.</summary>
    [Theory]
    [InlineData(new uint[] { 0, 0, 0, 0 }, new uint[] { 0, 0, 0, 0 }, new uint[] { 0x9c6ca96a, 0xe17eae66, 0xfc10ecd4, 0x5256a7d8 })]
    [InlineData(new uint[] { 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff }, new uint[] { 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff },
        new uint[] { 0x2a881696, 0x57012287, 0xf6c7446e, 0xa16a6732 })]
    [InlineData(new uint[] { 0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344 }, new uint[] { 0xa4093822, 0x299f31d0, 0x082efa98, 0xec4e6c89 },
        new uint[] { 0x59cd1dbb, 0xb8879579, 0x86b5d00c, 0xac8b6d84 })]
    public void Encrypt_gives_Random123_known_answers(uint[] counter, uint[] key, uint[] expected)
    {
        (uint x0, uint x1, uint x2, uint x3) = Threefry4x32.Encrypt(counter[0], counter[1], counter[2], counter[3], new ThreefryKey(key[0], key[1], key[2], key[3]));
        Assert.Equal(expected, new[] { x0, x1, x2, x3 });
    }

    [Fact]
    public void Seed_and_stream_fill_the_key_words_low_word_first()
    {
        var key = new ThreefryKey(0x0123456789ABCDEFUL, 0xFEDCBA9876543210UL);
        Assert.Equal(new uint[] { 0x89ABCDEF, 0x01234567, 0x76543210, 0xFEDCBA98 }, new[] { key.K0, key.K1, key.K2, key.K3 });
        Assert.Equal(0x1BD11BDAu ^ key.K0 ^ key.K1 ^ key.K2 ^ key.K3, key.K4);
    }
}
