using SurgeCollapse.Simd.Checkpoints;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Checkpoints;

public sealed class SafetensorsWriterTests
{
    private static byte[] WriteToBytes(SafetensorsWriter writer)
    {
        using var stream = new MemoryStream();
        writer.WriteTo(stream);
        return stream.ToArray();
    }

    [Fact]
    public void Output_matches_the_reference_serialization_byte_for_byte()
    {
        // Expected bytes from huggingface/safetensors, safetensors/src/tensor.rs, test_serialization: the header
        // is exactly 64 bytes, so no padding.
        var writer = new SafetensorsWriter();
        writer.Add("attn.0", [1, 2, 3], [0f, 1f, 2f, 3f, 4f, 5f]);
        byte[] expected =
        [
            64, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 46, 48, 34, 58, 123, 34, 100,
            116, 121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34,
            58, 91, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102, 115,
            101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 0, 0, 0, 0, 0, 0, 128, 63,
            0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64,
        ];
        Assert.Equal(expected, WriteToBytes(writer));
    }

    [Fact]
    public void Header_is_padded_with_spaces_to_a_multiple_of_8_as_the_reference_does()
    {
        // test_serialization_forced_alignement in the reference: a 65-byte JSON header gets 7 spaces.
        var writer = new SafetensorsWriter();
        writer.Add("attn0", [1, 1, 2, 3], [0f, 1f, 2f, 3f, 4f, 5f]);
        byte[] bytes = WriteToBytes(writer);
        Assert.Equal(72, BitConverter.ToInt64(bytes, 0));
        Assert.Equal("       "u8.ToArray(), bytes[(8 + 65)..(8 + 72)]);
        Assert.Equal(8 + 72 + 24, bytes.Length);
    }

    [Fact]
    public void Empty_files_match_the_reference()
    {
        // test_empty in the reference, without and with metadata.
        Assert.Equal("\u0008\0\0\0\0\0\0\0{}      "u8.ToArray(), WriteToBytes(new SafetensorsWriter()));

        var writer = new SafetensorsWriter();
        writer.AddMetadata("framework", "pt");
        Assert.Equal("(\0\0\0\0\0\0\0{\"__metadata__\":{\"framework\":\"pt\"}}     "u8.ToArray(), WriteToBytes(writer));
    }

    [Fact]
    public void Header_lists_tensors_in_insertion_order_and_data_follows_it()
    {
        var writer = new SafetensorsWriter();
        writer.Add("z", [1], [1f]);
        writer.Add("a", [2], [2f, 3f]);
        SafetensorsFile file = SafetensorsFile.Read(WriteToBytes(writer));
        Assert.Equal(["z", "a"], file.Tensors.Select(info => info.Name));
        Assert.Equal((4L, 12L), (file.GetTensorInfo("a").DataBegin, file.GetTensorInfo("a").DataEnd));
    }

    [Fact]
    public void Values_are_copied_when_added()
    {
        var writer = new SafetensorsWriter();
        float[] values = [1f, 2f];
        writer.Add("w", [2], values);
        values[0] = 99f;
        Assert.Equal([1f, 2f], SafetensorsFile.Read(WriteToBytes(writer)).GetFloat32("w"));
    }

    [Fact]
    public void Save_replaces_the_file_and_leaves_no_temporary_file()
    {
        string directory = Directory.CreateTempSubdirectory("safetensors-").FullName;
        try
        {
            string path = Path.Combine(directory, "model.safetensors");
            File.WriteAllText(path, "an older checkpoint");
            var writer = new SafetensorsWriter();
            writer.Add("layers.0.bias", [3], [0.5f, -1f, 2f]);
            writer.Save(path);

            Assert.Equal([0.5f, -1f, 2f], SafetensorsFile.Read(path).GetFloat32("layers.0.bias"));
            Assert.Equal([path], Directory.GetFiles(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Save_into_a_missing_directory_is_a_user_error()
    {
        string path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", "model.safetensors");
        var exception = Assert.Throws<UserInputException>(() => new SafetensorsWriter().Save(path));
        SafetensorsTestFiles.AssertOneLine(exception, path, "expected a writable path");
    }

    [Fact]
    public void Add_rejects_what_cannot_be_written()
    {
        var writer = new SafetensorsWriter();
        writer.Add("w", [2], [1f, 2f]);
        Assert.Throws<ArgumentException>(() => writer.Add("w", [2], [1f, 2f]));
        Assert.Throws<ArgumentException>(() => writer.Add("__metadata__", [0], []));
        Assert.Throws<ArgumentException>(() => writer.Add("", [0], []));
        Assert.Throws<ArgumentException>(() => writer.Add("v", [2, 2], [1f, 2f]));
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => writer.Add("v", [-1], []));
        writer.AddMetadata("k", "v");
        Assert.Throws<ArgumentException>(() => writer.AddMetadata("k", "w"));
    }
}
