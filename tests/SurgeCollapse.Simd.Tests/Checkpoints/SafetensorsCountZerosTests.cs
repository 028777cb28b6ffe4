using System.Text;
using SurgeCollapse.Simd.Checkpoints;
using Xunit;
using static SurgeCollapse.Simd.Tests.Checkpoints.SafetensorsTestFiles;

namespace SurgeCollapse.Simd.Tests.Checkpoints;

/// <summary><see cref="SafetensorsFile.CountZeros"/>: ±0 for floats, 0 for integers, false for booleans.</summary>
public sealed class SafetensorsCountZerosTests
{
    [Theory]
    // F32 +0, −0, 1, NaN: both zeros count, and nothing else.
    [InlineData("F32", new byte[] { 0, 0, 0, 0, 0, 0, 0, 0x80, 0, 0, 0x80, 0x3f, 0, 0, 0xc0, 0x7f }, 2)]
    // F16 +0, −0, 1 (0x3c00), the smallest subnormal (0x0001).
    [InlineData("F16", new byte[] { 0, 0, 0, 0x80, 0, 0x3c, 1, 0 }, 2)]
    [InlineData("BF16", new byte[] { 0, 0x80, 0x80, 0x3f }, 1)]
    [InlineData("F8_E4M3", new byte[] { 0x80, 0x00, 0x01, 0x81 }, 2)]
    // I32 0, int.MinValue (only the top bit set: not a zero for an integer), 1.
    [InlineData("I32", new byte[] { 0, 0, 0, 0, 0, 0, 0, 0x80, 1, 0, 0, 0 }, 1)]
    [InlineData("BOOL", new byte[] { 0, 1, 0, 1 }, 2)]
    [InlineData("U8", new byte[] { 0x80, 0, 0, 0xff }, 2)]
    public void Counts_the_zeros_of_every_dtype(string dtype, byte[] data, long zeros)
    {
        int count = data.Length / (dtype is "F32" or "I32" ? 4 : dtype is "F16" or "BF16" ? 2 : 1);
        string header = $$$"""{"t":{"dtype":"{{{dtype}}}","shape":[{{{count}}}],"data_offsets":[0,{{{data.Length}}}]}}""";
        byte[] bytes = Build(Encoding.UTF8.GetBytes(header), data);
        Assert.Equal(zeros, SafetensorsFile.Read(bytes, SourceName).CountZeros("t"));
    }

    [Fact]
    public void An_empty_tensor_has_no_zeros() =>
        Assert.Equal(0, SafetensorsFile.Read(Build("""{"t":{"dtype":"F32","shape":[0,3],"data_offsets":[0,0]}}""", 0)).CountZeros("t"));
}
