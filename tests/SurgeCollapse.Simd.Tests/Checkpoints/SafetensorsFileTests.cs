using System.Text;
using SurgeCollapse.Simd.Checkpoints;
using Xunit;
using static SurgeCollapse.Simd.Tests.Checkpoints.SafetensorsTestFiles;

namespace SurgeCollapse.Simd.Tests.Checkpoints;

/// <summary>Valid files the reader must accept, and the errors of its accessors.</summary>
public sealed class SafetensorsFileTests
{
    [Theory]
    [InlineData("F64", SafetensorsDtype.F64, 8)]
    [InlineData("F32", SafetensorsDtype.F32, 4)]
    [InlineData("F16", SafetensorsDtype.F16, 2)]
    [InlineData("BF16", SafetensorsDtype.BF16, 2)]
    [InlineData("I64", SafetensorsDtype.I64, 8)]
    [InlineData("I32", SafetensorsDtype.I32, 4)]
    [InlineData("I16", SafetensorsDtype.I16, 2)]
    [InlineData("I8", SafetensorsDtype.I8, 1)]
    [InlineData("U64", SafetensorsDtype.U64, 8)]
    [InlineData("U32", SafetensorsDtype.U32, 4)]
    [InlineData("U16", SafetensorsDtype.U16, 2)]
    [InlineData("U8", SafetensorsDtype.U8, 1)]
    [InlineData("BOOL", SafetensorsDtype.Bool, 1)]
    [InlineData("F8_E4M3", SafetensorsDtype.F8E4M3, 1)]
    [InlineData("F8_E5M2", SafetensorsDtype.F8E5M2, 1)]
    public void Every_known_dtype_is_listed_with_its_element_size(string headerName, SafetensorsDtype dtype, int sizeBytes)
    {
        byte[] bytes = Build($$$"""{"t":{"dtype":"{{{headerName}}}","shape":[3],"data_offsets":[0,{{{3 * sizeBytes}}}]}}""", 3 * sizeBytes);
        SafetensorsTensorInfo info = Assert.Single(SafetensorsFile.Read(bytes).Tensors);
        Assert.Equal(dtype, info.Dtype);
        Assert.Equal(3 * sizeBytes, info.ByteLength);
    }

    [Fact]
    public void Tensors_are_listed_in_data_order_with_their_byte_ranges()
    {
        // Header order differs from data order on purpose: the listing follows the data.
        byte[] bytes = Build("""
            {"late":{"dtype":"I8","shape":[1,3],"data_offsets":[8,11]},
             "early":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}
            """, 11);
        SafetensorsFile file = SafetensorsFile.Read(bytes);
        Assert.Equal(["early", "late"], file.Tensors.Select(info => info.Name));
        SafetensorsTensorInfo late = file.GetTensorInfo("late");
        Assert.Equal((8L, 11L, 3L), (late.DataBegin, late.DataEnd, late.ElementCount));
        Assert.Equal([1, 3], late.Shape);
        Assert.Equal(3, file.GetBytes("late").Length);
    }

    [Fact]
    public void Scalars_and_empty_tensors_are_accepted()
    {
        // A scalar has shape [] and one element; a zero-sized tensor occupies no bytes, like in the reference.
        byte[] header = Encoding.UTF8.GetBytes("""
            {"scalar":{"dtype":"F32","shape":[],"data_offsets":[0,4]},
             "empty":{"dtype":"F32","shape":[0,5],"data_offsets":[4,4]}}
            """);
        byte[] bytes = Build(header, BitConverter.GetBytes(2.5f));
        SafetensorsFile file = SafetensorsFile.Read(bytes);
        Assert.Equal([2.5f], file.GetFloat32("scalar"));
        Assert.Empty(file.GetFloat32("empty"));
        Assert.Equal(1, file.GetTensorInfo("scalar").ElementCount);
    }

    [Fact]
    public void Whitespace_unknown_fields_and_null_metadata_are_accepted()
    {
        // Whitespace around the JSON is allowed by the reference's serde_json, and trailing spaces are how writers
        // align the data; extra fields are ignored by the reference too.
        byte[] bytes = Build(""" {"__metadata__":null,"a":{"dtype":"F32","shape":[0],"data_offsets":[0,0],"note":[1,{}]}}    """, 0);
        SafetensorsFile file = SafetensorsFile.Read(bytes);
        Assert.Empty(file.Metadata);
        Assert.True(file.Contains("a"));
        Assert.False(file.Contains("b"));
    }

    [Fact]
    public void Metadata_is_exposed()
    {
        byte[] bytes = Build("""{"__metadata__":{"format":"pt","note":"\u00e9\n"}}""", 0);
        IReadOnlyDictionary<string, string> metadata = SafetensorsFile.Read(bytes).Metadata;
        Assert.Equal(2, metadata.Count);
        Assert.Equal("pt", metadata["format"]);
        Assert.Equal("é\n", metadata["note"]);
    }

    [Fact]
    public void Reading_a_stream_starts_at_its_position()
    {
        byte[] file = Build(ValidHeader, 24);
        using var stream = new MemoryStream([0xAA, 0xBB, .. file]);
        stream.Position = 2;
        Assert.Equal(6, SafetensorsFile.Read(stream, "stream").GetFloat32("a").Length);
    }

    [Fact]
    public void A_missing_file_is_a_user_error()
    {
        string path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.safetensors");
        var exception = Assert.Throws<UserInputException>(() => SafetensorsFile.Read(path));
        AssertOneLine(exception, path, "expected a readable file");
    }

    [Fact]
    public void A_directory_is_a_user_error()
    {
        string path = Directory.CreateTempSubdirectory("safetensors-").FullName;
        try
        {
            var exception = Assert.Throws<UserInputException>(() => SafetensorsFile.Read(path));
            AssertOneLine(exception, path, "expected a file, got a directory");
        }
        finally
        {
            Directory.Delete(path);
        }
    }

    [Fact]
    public void Asking_for_a_missing_tensor_lists_the_ones_there()
    {
        SafetensorsFile file = SafetensorsFile.Read(Build(ValidHeader, 24), SourceName);
        var exception = Assert.Throws<UserInputException>(() => file.GetFloat32("b"));
        AssertOneLine(exception, SourceName, "tensor 'b'", "expected a tensor of that name", "got none (the file has 1: 'a')");
    }

    [Fact]
    public void Asking_for_floats_from_another_dtype_is_refused()
    {
        SafetensorsFile file = SafetensorsFile.Read(Build("""{"h":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}""", 4), SourceName);
        var exception = Assert.Throws<UserInputException>(() => file.GetFloat32("h"));
        AssertOneLine(exception, SourceName, "tensor 'h'", "field 'dtype'", "expected F32", "got F16");
    }

    [Fact]
    public void Copying_into_a_buffer_of_another_size_is_refused()
    {
        SafetensorsFile file = SafetensorsFile.Read(Build(ValidHeader, 24), SourceName);
        var exception = Assert.Throws<UserInputException>(() => file.CopyFloat32("a", new float[5]));
        AssertOneLine(exception, SourceName, "tensor 'a'", "field 'shape'", "expected 5 elements", "got 6 (shape [2, 3])");
    }
}
