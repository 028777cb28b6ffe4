using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using static SurgeCollapse.Simd.Checkpoints.SafetensorsMessages;

namespace SurgeCollapse.Simd.Checkpoints;

/// <summary>
/// Collects named tensors (F32; F64 and I32 for a run's state) and string metadata, then writes them as one
/// safetensors file. The header lists <c>__metadata__</c> first, then the tensors in insertion order, which is also their order in the data buffer;
/// it is padded with spaces to a multiple of 8 bytes, as the reference implementation does, so that the data
/// starts 8-byte aligned.
/// </summary>
public sealed class SafetensorsWriter
{
    private readonly List<(string Name, int[] Shape, SafetensorsDtype Dtype, byte[] Data)> _tensors = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, string>> _metadata = [];

    /// <summary>Adds an <see cref="SafetensorsDtype.F32"/> tensor; its values are copied now, so the caller may keep changing its buffer.</summary>
    /// <param name="name">A unique, non-empty name other than <c>__metadata__</c>, e.g. <c>layers.0.weight</c>.</param>
    /// <param name="shape">The shape, outermost dimension first; empty for a scalar.</param>
    /// <param name="values">The values, row-major: as many as the product of <paramref name="shape"/>.</param>
    public void Add(string name, IReadOnlyList<int> shape, ReadOnlySpan<float> values) =>
        AddBytes(name, shape, SafetensorsDtype.F32, MemoryMarshal.AsBytes(values), values.Length);

    /// <summary>Adds an <see cref="SafetensorsDtype.F64"/> tensor, as <see cref="Add"/> does an F32 one.</summary>
    /// <param name="name">A unique, non-empty name other than <c>__metadata__</c>.</param>
    /// <param name="shape">The shape, outermost dimension first; empty for a scalar.</param>
    /// <param name="values">The values, row-major: as many as the product of <paramref name="shape"/>.</param>
    public void AddFloat64(string name, IReadOnlyList<int> shape, ReadOnlySpan<double> values) =>
        AddBytes(name, shape, SafetensorsDtype.F64, MemoryMarshal.AsBytes(values), values.Length);

    /// <summary>Adds an <see cref="SafetensorsDtype.I32"/> tensor, as <see cref="Add"/> does an F32 one.</summary>
    /// <param name="name">A unique, non-empty name other than <c>__metadata__</c>.</param>
    /// <param name="shape">The shape, outermost dimension first; empty for a scalar.</param>
    /// <param name="values">The values, row-major: as many as the product of <paramref name="shape"/>.</param>
    public void AddInt32(string name, IReadOnlyList<int> shape, ReadOnlySpan<int> values) =>
        AddBytes(name, shape, SafetensorsDtype.I32, MemoryMarshal.AsBytes(values), values.Length);

    private void AddBytes(string name, IReadOnlyList<int> shape, SafetensorsDtype dtype, ReadOnlySpan<byte> values, int valueCount)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);
        if (name == "__metadata__")
            throw new ArgumentException("'__metadata__' is reserved for the metadata map", nameof(name));
        long elementCount = 1;
        foreach (int dimension in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dimension, nameof(shape));
            elementCount = checked(elementCount * dimension);
        }

        if (elementCount != valueCount)
            throw new ArgumentException($"tensor '{name}': shape [{string.Join(", ", shape)}] has {elementCount} elements, got {valueCount} values", nameof(values));
        if (!_names.Add(name))
            throw new ArgumentException($"tensor '{name}' was already added", nameof(name));

        byte[] data = values.ToArray();
        // The format is little-endian whatever the machine.
        if (!BitConverter.IsLittleEndian)
        {
            if (SafetensorsDtypes.SizeBytes(dtype) == sizeof(long))
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, long>(data.AsSpan()), MemoryMarshal.Cast<byte, long>(data.AsSpan()));
            else
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, int>(data.AsSpan()), MemoryMarshal.Cast<byte, int>(data.AsSpan()));
        }

        _tensors.Add((name, [.. shape], dtype, data));
    }

    /// <summary>Adds an entry to the header's <c>__metadata__</c> map.</summary>
    /// <param name="key">A key not added before.</param>
    /// <param name="value">Any string.</param>
    public void AddMetadata(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        foreach (KeyValuePair<string, string> entry in _metadata)
        {
            if (entry.Key == key)
                throw new ArgumentException($"metadata key '{key}' was already added", nameof(key));
        }

        _metadata.Add(new(key, value));
    }

    /// <summary>Writes the file to <paramref name="stream"/> from its current position.</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] header = BuildHeader();
        Span<byte> length = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        stream.Write(header);
        foreach (var tensor in _tensors)
            stream.Write(tensor.Data);
    }

    /// <summary>
    /// Writes the file to <paramref name="path"/>, replacing any file there. The bytes go to a temporary file in
    /// the same directory that is flushed to disk and then renamed over the target, so a crash leaves either the
    /// old file or the complete new one, never a partial file.
    /// </summary>
    /// <exception cref="UserInputException">The file cannot be written (missing directory, no permission, disk full).</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // A unique suffix lets several writers target one directory without sharing a temporary file.
        string temporaryPath = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write))
            {
                WriteTo(stream);
                // Without this the rename can reach the disk before the data does, and a power cut then
                // leaves an empty file under the final name.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporaryPath, path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw Error(path, $"expected a writable path, got {exception.Message}", exception);
        }
        finally
        {
            if (File.Exists(temporaryPath))
                File.Delete(temporaryPath);
        }
    }

    private byte[] BuildHeader()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (_metadata.Count > 0)
            {
                json.WriteStartObject("__metadata__");
                foreach (KeyValuePair<string, string> entry in _metadata)
                    json.WriteString(entry.Key, entry.Value);
                json.WriteEndObject();
            }

            long offset = 0;
            foreach (var tensor in _tensors)
            {
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", SafetensorsDtypes.HeaderName(tensor.Dtype));
                json.WriteStartArray("shape");
                foreach (int dimension in tensor.Shape)
                    json.WriteNumberValue(dimension);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                offset += tensor.Data.Length;
                json.WriteNumberValue(offset);
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        int padding = (8 - buffer.WrittenCount % 8) % 8;
        buffer.GetSpan(padding)[..padding].Fill((byte)' ');
        buffer.Advance(padding);
        return buffer.WrittenSpan.ToArray();
    }
}
