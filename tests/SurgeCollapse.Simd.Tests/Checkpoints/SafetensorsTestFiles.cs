using System.Buffers.Binary;
using System.Text;
using SurgeCollapse.Simd.Checkpoints;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Checkpoints;

/// <summary>Builds raw safetensors bytes, valid or not, and checks how the reader refuses them.</summary>
internal static class SafetensorsTestFiles
{
    internal const string SourceName = "test.safetensors";

    /// <summary>One F32 tensor 'a' of shape [2, 3]: the valid file the malformed cases start from.</summary>
    internal const string ValidHeader = """{"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}}""";

    internal static byte[] Build(string headerJson, int dataLength) =>
        Build(Encoding.UTF8.GetBytes(headerJson), new byte[dataLength]);

    internal static byte[] Build(ReadOnlySpan<byte> header, ReadOnlySpan<byte> data)
    {
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes.AsSpan(8));
        data.CopyTo(bytes.AsSpan(8 + header.Length));
        return bytes;
    }

    /// <summary>
    /// Asserts that reading fails with a <see cref="UserInputException"/> whose single-line message starts with the
    /// source name and contains every fragment (the tensor, the field, expected and got).
    /// </summary>
    internal static UserInputException AssertRejected(byte[] bytes, params string[] fragments)
    {
        var exception = Assert.Throws<UserInputException>(() => SafetensorsFile.Read(bytes, SourceName));
        AssertOneLine(exception, SourceName, fragments);
        return exception;
    }

    internal static void AssertOneLine(UserInputException exception, string source, params string[] fragments)
    {
        Assert.StartsWith(source + ": ", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', exception.Message);
        Assert.DoesNotContain('\r', exception.Message);
        foreach (string fragment in fragments)
            Assert.Contains(fragment, exception.Message, StringComparison.Ordinal);
    }
}
