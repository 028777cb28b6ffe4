using System.Buffers.Binary;
using FsCheck.Xunit;
using SurgeCollapse.Simd.Checkpoints;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Checkpoints;

public sealed class SafetensorsRoundTripTests
{
    [Property(Arbitrary = [typeof(CheckpointGenerators)], MaxTest = 300)]
    public void Written_checkpoints_read_back_bit_for_bit(CheckpointSample sample)
    {
        var writer = new SafetensorsWriter();
        foreach (TensorSample tensor in sample.Tensors)
            writer.Add(tensor.Name, tensor.Shape, tensor.Values);
        foreach (KeyValuePair<string, string> entry in sample.Metadata)
            writer.AddMetadata(entry.Key, entry.Value);
        using var stream = new MemoryStream();
        writer.WriteTo(stream);
        byte[] bytes = stream.ToArray();

        Assert.Equal(0, BinaryPrimitives.ReadInt64LittleEndian(bytes) % 8);
        SafetensorsFile file = SafetensorsFile.Read(bytes);
        Assert.Equal(sample.Tensors.Select(tensor => tensor.Name), file.Tensors.Select(info => info.Name));
        foreach (TensorSample tensor in sample.Tensors)
        {
            SafetensorsTensorInfo info = file.GetTensorInfo(tensor.Name);
            Assert.Equal(SafetensorsDtype.F32, info.Dtype);
            Assert.Equal(tensor.Shape, info.Shape);
            // Compared as bits: NaN payloads and -0 must survive too.
            Assert.Equal(tensor.Values.Select(BitConverter.SingleToInt32Bits), file.GetFloat32(tensor.Name).Select(BitConverter.SingleToInt32Bits));
        }

        Assert.Equal(sample.Metadata.OrderBy(entry => entry.Key, StringComparer.Ordinal), file.Metadata.OrderBy(entry => entry.Key, StringComparer.Ordinal));
    }
}
