using System.Buffers.Binary;
using System.Text;
using SurgeCollapse.Simd.Checkpoints;
using Xunit;
using static SurgeCollapse.Simd.Tests.Checkpoints.SafetensorsTestFiles;

namespace SurgeCollapse.Simd.Tests.Checkpoints;

/// <summary>One test per way a safetensors file can be malformed: each must raise UserInputException naming it.</summary>
public sealed class SafetensorsMalformedTests
{
    private static byte[] WithTensor(string entryJson, int dataLength) => Build($$"""{"a":{{entryJson}}}""", dataLength);

    [Fact]
    public void The_valid_baseline_is_accepted()
    {
        // Every case below changes one thing in this file.
        SafetensorsFile file = SafetensorsFile.Read(Build(ValidHeader, 24), SourceName);
        Assert.Equal([2, 3], file.GetTensorInfo("a").Shape);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void File_shorter_than_the_length_prefix(int length) =>
        AssertRejected(new byte[length], "header length", "expected an 8-byte prefix", $"got a {length}-byte file");

    [Theory]
    [InlineData(100_000_001UL)]
    [InlineData(1UL << 40)]
    [InlineData(ulong.MaxValue)]
    public void Header_length_above_the_100_MB_cap(ulong headerLength)
    {
        byte[] bytes = Build(ValidHeader, 24);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, headerLength);
        AssertRejected(bytes, "header length", "expected at most 100000000 bytes", $"got {headerLength}");
    }

    [Fact]
    public void Header_length_past_the_end_of_the_file()
    {
        byte[] bytes = Build(ValidHeader, 24);
        int rest = bytes.Length - 8;
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)rest + 1);
        AssertRejected(bytes, "header length", $"expected at most {rest} bytes (the rest of the file)", $"got {rest + 1}");
    }

    [Fact]
    public void Header_that_is_not_utf8()
    {
        byte[] header = Encoding.UTF8.GetBytes(ValidHeader);
        header[3] = 0xff; // inside the name "a"
        AssertRejected(Build(header, new byte[24]), "header", "expected UTF-8 JSON", "got invalid UTF-8");
    }

    [Theory]
    [InlineData("[]", "an array of 0")]
    [InlineData(" 3", "'3'")]
    [InlineData("\"F32\"", "the string 'F32'")]
    public void Header_that_is_not_a_json_object(string header, string got) =>
        AssertRejected(Build(header, 0), "header", "expected a JSON object", $"got {got}");

    [Theory]
    [InlineData("""{"a":""")]
    [InlineData("""{"a":{"dtype":"F32",}}""")]
    [InlineData("""{} x""")]
    [InlineData("""{"a":{"dtype":"F32"}""")]
    [InlineData("")]
    public void Header_that_is_not_valid_json(string header) =>
        AssertRejected(Build(header, 0), "header", "expected valid JSON", "got ");

    [Fact]
    public void Header_with_a_lone_surrogate_escape() =>
        AssertRejected(Build("""{"\ud800":{"dtype":"F32","shape":[0],"data_offsets":[0,0]}}""", 0), "header", "valid Unicode");

    [Theory]
    [InlineData("3", "'3'")]
    [InlineData("\"F32\"", "the string 'F32'")]
    [InlineData("[0,24]", "an array of 2")]
    [InlineData("null", "'null'")]
    public void Tensor_entry_that_is_not_an_object(string entry, string got) =>
        AssertRejected(WithTensor(entry, 24), "tensor 'a'", "expected an object with dtype, shape and data_offsets", $"got {got}");

    [Fact]
    public void Tensor_name_given_twice() =>
        AssertRejected(
            Build("""{"a":{"dtype":"F32","shape":[0],"data_offsets":[0,0]},"a":{"dtype":"F32","shape":[0],"data_offsets":[0,0]}}""", 0),
            "key 'a'", "expected each key once", "got it twice");

    [Fact]
    public void Field_given_twice() =>
        AssertRejected(WithTensor("""{"dtype":"F32","dtype":"F16","shape":[2,3],"data_offsets":[0,24]}""", 24),
            "tensor 'a'", "field 'dtype'", "expected once", "got it twice");

    [Theory]
    [InlineData("""{"shape":[2,3],"data_offsets":[0,24]}""", "field 'dtype'")]
    [InlineData("""{"dtype":"F32","data_offsets":[0,24]}""", "field 'shape'")]
    [InlineData("""{"dtype":"F32","shape":[2,3]}""", "field 'data_offsets'")]
    public void Missing_field(string entry, string field) =>
        AssertRejected(WithTensor(entry, 24), "tensor 'a'", field, "got nothing (the field is missing)");

    [Fact]
    public void Unknown_dtype() =>
        AssertRejected(WithTensor("""{"dtype":"Q4_K","shape":[2,3],"data_offsets":[0,24]}""", 24),
            "tensor 'a'", "field 'dtype'", "expected one of F64, F32, F16, BF16", "got the string 'Q4_K'");

    [Fact]
    public void Dtype_in_lower_case() =>
        // The reference matches dtype names exactly.
        AssertRejected(WithTensor("""{"dtype":"f32","shape":[2,3],"data_offsets":[0,24]}""", 24),
            "tensor 'a'", "field 'dtype'", "got the string 'f32'");

    [Fact]
    public void Dtype_that_is_not_a_string() =>
        AssertRejected(WithTensor("""{"dtype":4,"shape":[2,3],"data_offsets":[0,24]}""", 24),
            "tensor 'a'", "field 'dtype'", "expected a string", "got '4'");

    [Fact]
    public void Shape_that_is_not_an_array() =>
        AssertRejected(WithTensor("""{"dtype":"F32","shape":6,"data_offsets":[0,24]}""", 24),
            "tensor 'a'", "field 'shape'", "expected an array of non-negative integers", "got '6'");

    [Fact]
    public void Negative_shape_entry() =>
        AssertRejected(WithTensor("""{"dtype":"F32","shape":[2,-3],"data_offsets":[0,24]}""", 24),
            "tensor 'a'", "field 'shape[1]'", "expected an integer from 0 to 2147483647", "got '-3'");

    [Theory]
    [InlineData("3.0", "'3.0'")]
    [InlineData("3e0", "'3e0'")]
    [InlineData("\"3\"", "the string '3'")]
    [InlineData("null", "'null'")]
    [InlineData("[3]", "an array of 1")]
    public void Non_integer_shape_entry(string entry, string got) =>
        AssertRejected(WithTensor($$"""{"dtype":"F32","shape":[2,{{entry}}],"data_offsets":[0,24]}""", 24),
            "tensor 'a'", "field 'shape[1]'", "expected an integer", $"got {got}");

    [Fact]
    public void Shape_entry_above_int_max() =>
        AssertRejected(WithTensor("""{"dtype":"F32","shape":[0,2147483648],"data_offsets":[0,0]}""", 0),
            "tensor 'a'", "field 'shape[1]'", "expected an integer from 0 to 2147483647", "got '2147483648'");

    [Fact]
    public void Shape_product_that_overflows() =>
        // 2^31-1 cubed exceeds 2^63; the trailing 0 does not rescue it, as in the reference's checked fold.
        AssertRejected(WithTensor("""{"dtype":"F32","shape":[2147483647,2147483647,2147483647,0],"data_offsets":[0,0]}""", 0),
            "tensor 'a'", "field 'shape'", "expected an element count below 2^63", "got an overflow at dimension 2");

    [Fact]
    public void Byte_count_that_overflows()
    {
        // 2^31-1 squared fits in a long, but not once multiplied by the 8 bytes of an F64.
        AssertRejected(WithTensor("""{"dtype":"F64","shape":[2147483647,2147483647,2],"data_offsets":[0,0]}""", 0),
            "tensor 'a'", "field 'shape'", "expected at most 9223372036854775807 bytes");
    }

    [Theory]
    [InlineData("[0]", "an array of 1")]
    [InlineData("[0,24,48]", "an array of 3")]
    [InlineData("24", "'24'")]
    [InlineData("{\"begin\":0}", "an object")]
    public void Data_offsets_that_are_not_a_pair(string offsets, string got) =>
        AssertRejected(WithTensor($$"""{"dtype":"F32","shape":[2,3],"data_offsets":{{offsets}}}""", 24),
            "tensor 'a'", "field 'data_offsets'", "expected an array [begin, end]", $"got {got}");

    [Theory]
    [InlineData("[0,24.0]")]
    [InlineData("[-8,16]")]
    [InlineData("[0,\"24\"]")]
    [InlineData("[0,18446744073709551616]")]
    public void Data_offsets_that_are_not_non_negative_integers(string offsets) =>
        AssertRejected(WithTensor($$"""{"dtype":"F32","shape":[2,3],"data_offsets":{{offsets}}}""", 24),
            "tensor 'a'", "field 'data_offsets'", "expected two non-negative integers", "got [");

    [Fact]
    public void Data_offsets_that_descend() =>
        AssertRejected(WithTensor("""{"dtype":"F32","shape":[2,3],"data_offsets":[24,0]}""", 24),
            "tensor 'a'", "field 'data_offsets'", "expected begin <= end", "got [24, 0]");

    [Fact]
    public void Byte_length_that_does_not_match_the_shape() =>
        AssertRejected(WithTensor("""{"dtype":"F32","shape":[2,3],"data_offsets":[0,20]}""", 20),
            "tensor 'a'", "field 'data_offsets'", "expected 24 bytes (6 elements of F32)", "got 20 (begin 0, end 20)");

    [Fact]
    public void Data_offsets_past_the_end_of_the_data() =>
        AssertRejected(WithTensor("""{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}""", 16),
            "tensor 'a'", "field 'data_offsets'", "expected end <= 16 (the data size)", "got [0, 24]");

    [Fact]
    public void Overlapping_tensors() =>
        AssertRejected(
            Build("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 12),
            "tensor 'b'", "field 'data_offsets'", "expected begin 8 (where tensor 'a' ends)", "got 4: the tensors overlap");

    [Fact]
    public void Tensors_sharing_the_same_bytes() =>
        AssertRejected(
            Build("""{"b":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"a":{"dtype":"I32","shape":[2],"data_offsets":[0,8]}}""", 8),
            "tensor 'b'", "expected begin 8 (where tensor 'a' ends)", "got 0: the tensors overlap");

    [Fact]
    public void Gap_between_tensors() =>
        AssertRejected(
            Build("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[12,20]}}""", 20),
            "tensor 'b'", "field 'data_offsets'", "expected begin 8 (where tensor 'a' ends)", "got 12: a gap of 4 bytes belongs to no tensor");

    [Fact]
    public void Gap_before_the_first_tensor() =>
        AssertRejected(WithTensor("""{"dtype":"F32","shape":[2,3],"data_offsets":[8,32]}""", 32),
            "tensor 'a'", "expected begin 0 (the start of the data)", "got 8: a gap of 8 bytes");

    [Fact]
    public void Trailing_bytes_after_the_last_tensor() =>
        AssertRejected(Build(ValidHeader, 28),
            "data", "expected 24 bytes after the header (where tensor 'a' ends)", "got 28: 4 trailing bytes belong to no tensor");

    [Fact]
    public void Data_without_any_tensor() =>
        AssertRejected(Build("{}", 4), "data", "expected 0 bytes after the header (the start of the data)", "got 4");

    [Theory]
    [InlineData("""{"__metadata__":3}""", "field '__metadata__'", "expected an object of strings", "got '3'")]
    [InlineData("""{"__metadata__":{"k":1}}""", "field '__metadata__', key 'k'", "expected a string", "got '1'")]
    [InlineData("""{"__metadata__":{"k":"v","k":"w"}}""", "field '__metadata__', key 'k'", "expected each key once", "got it twice")]
    public void Metadata_that_is_not_a_map_of_strings(string header, string field, string expected, string got) =>
        AssertRejected(Build(header, 0), field, expected, got);

    [Fact]
    public void Control_characters_in_a_name_do_not_break_the_line()
    {
        UserInputException exception = AssertRejected(WithTensorNamed("a\\nb\\u2028c", """{"dtype":"X"}"""), "field 'dtype'");
        Assert.Contains("'a\\u000ab\\u2028c'", exception.Message, StringComparison.Ordinal);

        static byte[] WithTensorNamed(string escapedName, string entry) => Build($$"""{"{{escapedName}}":{{entry}}}""", 0);
    }

    [Fact]
    public void Long_names_are_cut_in_messages()
    {
        string name = new('n', 1000);
        UserInputException exception = AssertRejected(Build($$"""{"{{name}}":1}""", 0), $"tensor '{new string('n', 80)}'…");
        Assert.True(exception.Message.Length < 300, exception.Message);
    }
}
