using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace SurgeCollapse.Simd.Tests.Optimizers;

/// <summary>
/// Reads one float32 tensor of the parity files (safetensors: a u64 header length, a JSON header giving each tensor's
/// byte range, then the little-endian data). Kept minimal and test-only, so these tests do not depend on the engine's
/// checkpoint reader.
/// </summary>
internal static class ParityTensors
{
    public static float[] Read(string file, string name)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Parity", file));
        int headerLength = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        using JsonDocument header = JsonDocument.Parse(bytes.AsMemory(8, headerLength));
        JsonElement tensor = header.RootElement.GetProperty(name);
        if (tensor.GetProperty("dtype").GetString() != "F32")
            throw new InvalidDataException($"{file}: {name} is not F32");
        JsonElement offsets = tensor.GetProperty("data_offsets");
        int begin = 8 + headerLength + offsets[0].GetInt32(), end = 8 + headerLength + offsets[1].GetInt32();
        return MemoryMarshal.Cast<byte, float>(bytes.AsSpan(begin, end - begin)).ToArray(); // the data is little-endian, as this machine
    }

    public static JsonDocument Json(string file) =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Parity", file)));
}
