using System.Buffers.Binary;
using System.Runtime.InteropServices;
using static SurgeCollapse.Simd.Checkpoints.SafetensorsMessages;

namespace SurgeCollapse.Simd.Checkpoints;

/// <summary>
/// A safetensors file (https://github.com/huggingface/safetensors) loaded into memory and validated: an 8-byte
/// little-endian header length N, N bytes of UTF-8 JSON describing each tensor, then the little-endian row-major
/// data. Validation follows the reference implementation, including its strictest rule: the tensors must tile the
/// data buffer exactly, so a file with overlapping tensors, gaps or trailing bytes is refused. Every problem with
/// the input raises a one-line <see cref="UserInputException"/> naming the source, the tensor and the field.
/// </summary>
/// <remarks>The whole file is held in one array, so files are limited to <see cref="Array.MaxLength"/> bytes.</remarks>
public sealed class SafetensorsFile
{
    private const string DefaultSourceName = "safetensors data";

    private readonly byte[] _bytes;
    private readonly int _dataStart;
    private readonly Dictionary<string, SafetensorsTensorInfo> _byName;

    private SafetensorsFile(byte[] bytes, string sourceName)
    {
        SourceName = sourceName;

        if (bytes.Length < sizeof(ulong))
            throw Error(sourceName, $"header length: expected an 8-byte prefix, got a {bytes.Length}-byte file");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > SafetensorsHeader.MaxLengthBytes)
            throw Error(sourceName, $"header length: expected at most {SafetensorsHeader.MaxLengthBytes} bytes, got {headerLength}");
        if (headerLength > (ulong)(bytes.Length - sizeof(ulong)))
            throw Error(sourceName, $"header length: expected at most {bytes.Length - sizeof(ulong)} bytes (the rest of the file), got {headerLength}");

        _bytes = bytes;
        _dataStart = sizeof(ulong) + (int)headerLength;
        var header = SafetensorsHeader.Parse(bytes.AsMemory(sizeof(ulong), (int)headerLength), bytes.Length - _dataStart, sourceName);
        Tensors = header.Tensors.AsReadOnly();
        Metadata = header.Metadata.AsReadOnly();
        _byName = new Dictionary<string, SafetensorsTensorInfo>(header.Tensors.Length, StringComparer.Ordinal);
        foreach (SafetensorsTensorInfo info in header.Tensors)
            _byName.Add(info.Name, info);
    }

    /// <summary>The path the file was read from, or the name given when it was read from memory or a stream.</summary>
    public string SourceName { get; }

    /// <summary>Every tensor in the file, in data order (ascending byte offsets).</summary>
    public IReadOnlyList<SafetensorsTensorInfo> Tensors { get; }

    /// <summary>The header's <c>__metadata__</c> map of strings; empty when the file has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Reads and validates the file at <paramref name="path"/>.</summary>
    /// <exception cref="UserInputException">The file cannot be read or is not a valid safetensors file.</exception>
    public static SafetensorsFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // Opening a directory fails with "access denied" on Unix, which would send the user after permissions.
        if (Directory.Exists(path))
            throw Error(path, "expected a file, got a directory");
        byte[] bytes;
        try
        {
            using FileStream stream = File.OpenRead(path);
            bytes = ReadAll(stream, path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw Error(path, $"expected a readable file, got {exception.Message}", exception);
        }

        return new SafetensorsFile(bytes, path);
    }

    /// <summary>Validates a whole safetensors file held in memory; the bytes are copied.</summary>
    /// <param name="bytes">The file's content.</param>
    /// <param name="sourceName">What to call the input in error messages.</param>
    /// <exception cref="UserInputException">The bytes are not a valid safetensors file.</exception>
    public static SafetensorsFile Read(ReadOnlySpan<byte> bytes, string sourceName = DefaultSourceName) =>
        new(bytes.ToArray(), sourceName);

    /// <summary>Reads a safetensors file from the current position of <paramref name="stream"/> to its end.</summary>
    /// <param name="stream">The stream; it is read, not closed.</param>
    /// <param name="sourceName">What to call the input in error messages.</param>
    /// <exception cref="UserInputException">The content is not a valid safetensors file.</exception>
    public static SafetensorsFile Read(Stream stream, string sourceName = DefaultSourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new SafetensorsFile(ReadAll(stream, sourceName), sourceName);
    }

    /// <summary>True when the file has a tensor of that name.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The description of the named tensor.</summary>
    /// <exception cref="UserInputException">The file has no tensor of that name.</exception>
    public SafetensorsTensorInfo GetTensorInfo(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_byName.TryGetValue(name, out SafetensorsTensorInfo? info))
            return info;
        string known = string.Join(", ", Tensors.Take(8).Select(tensor => Quote(tensor.Name)));
        string more = Tensors.Count > 8 ? ", …" : "";
        throw Error(SourceName, $"tensor {Quote(name)}: expected a tensor of that name, got none (the file has {Tensors.Count}: {known}{more})");
    }

    /// <summary>The raw little-endian bytes of the named tensor, of any dtype.</summary>
    /// <exception cref="UserInputException">The file has no tensor of that name.</exception>
    public ReadOnlySpan<byte> GetBytes(string name)
    {
        SafetensorsTensorInfo info = GetTensorInfo(name);
        return _bytes.AsSpan(_dataStart + (int)info.DataBegin, (int)info.ByteLength);
    }

    /// <summary>The values of the named <see cref="SafetensorsDtype.F32"/> tensor, row-major, in a new array.</summary>
    /// <exception cref="UserInputException">The tensor is missing or is not F32.</exception>
    public float[] GetFloat32(string name)
    {
        var values = new float[GetTensorInfo(name).ElementCount];
        CopyFloat32(name, values);
        return values;
    }

    /// <summary>Copies the values of the named <see cref="SafetensorsDtype.F32"/> tensor, row-major, into a buffer.</summary>
    /// <param name="name">The tensor's name.</param>
    /// <param name="destination">Exactly as many elements as the tensor has.</param>
    /// <exception cref="UserInputException">The tensor is missing, is not F32 or has a different element count.</exception>
    public void CopyFloat32(string name, Span<float> destination)
    {
        SafetensorsTensorInfo info = GetTensorInfo(name);
        if (info.Dtype != SafetensorsDtype.F32)
            throw Error(SourceName, $"tensor {Quote(name)}: field 'dtype': expected F32, got {SafetensorsDtypes.HeaderName(info.Dtype)}");
        if (info.ElementCount != destination.Length)
            throw Error(SourceName, $"tensor {Quote(name)}: field 'shape': expected {destination.Length} elements, got {info.ElementCount} (shape [{string.Join(", ", info.Shape)}])");

        MemoryMarshal.Cast<byte, float>(GetBytes(name)).CopyTo(destination);
        // The format is little-endian whatever the machine.
        if (!BitConverter.IsLittleEndian)
        {
            Span<int> bits = MemoryMarshal.Cast<float, int>(destination);
            BinaryPrimitives.ReverseEndianness(bits, bits);
        }
    }

    /// <summary>
    /// How many elements of the named tensor, of any dtype, are zero: +0 or −0 for the floating-point types, 0 for
    /// the integers, false for BOOL. Divided by <see cref="SafetensorsTensorInfo.ElementCount"/> it is the tensor's sparsity.
    /// </summary>
    /// <exception cref="UserInputException">The file has no tensor of that name.</exception>
    public long CountZeros(string name)
    {
        SafetensorsTensorInfo info = GetTensorInfo(name);
        ReadOnlySpan<byte> bytes = GetBytes(name);
        int size = SafetensorsDtypes.SizeBytes(info.Dtype);
        // Elements are little-endian, so a float's sign bit is the top bit of its last byte: ignoring it counts −0 too.
        byte lastByteBits = SafetensorsDtypes.IsFloat(info.Dtype) ? (byte)0x7f : (byte)0xff;
        long zeros = 0;
        for (int offset = 0; offset < bytes.Length; offset += size)
        {
            ReadOnlySpan<byte> element = bytes.Slice(offset, size);
            if ((element[^1] & lastByteBits) == 0 && !element[..^1].ContainsAnyExcept((byte)0))
                zeros++;
        }

        return zeros;
    }

    private static byte[] ReadAll(Stream stream, string sourceName)
    {
        if (!stream.CanSeek)
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }

        long remaining = stream.Length - stream.Position;
        if (remaining > Array.MaxLength)
            throw Error(sourceName, $"file size: expected at most {Array.MaxLength} bytes (files are read whole), got {remaining}");
        var bytes = new byte[remaining];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
