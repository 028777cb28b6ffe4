using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using SurgeCollapse.Simd.Noise;
using static SurgeCollapse.Simd.Checkpoints.SafetensorsMessages;

namespace SurgeCollapse.Simd.Checkpoints;

/// <summary>
/// Reads the run state's metadata strings and tensors out of a checkpoint, each checked as it is read: a missing key,
/// a value that does not parse or lies out of range, a wrong dtype or shape raises a one-line
/// <see cref="UserInputException"/> naming the file, the key and expected vs got. Reading changes nothing.
/// </summary>
internal sealed class RunStateReader(SafetensorsFile file)
{
    private const NumberStyles Integer = NumberStyles.AllowLeadingSign;

    /// <summary>The file, for messages.</summary>
    internal string Source => file.SourceName;

    /// <summary>The string under <paramref name="key"/>.</summary>
    internal string Text(string key, string expected) =>
        file.Metadata.TryGetValue(key, out string? text) ? text : throw Fail(key, expected, "none");

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    internal long Long(string key, long min = long.MinValue, long max = long.MaxValue)
    {
        string expected = max == long.MaxValue ? (min == long.MinValue ? "an integer" : $"an integer of at least {min}") : $"an integer in [{min}, {max}]";
        string text = Text(key, expected);
        return long.TryParse(text, Integer, CultureInfo.InvariantCulture, out long value) && value >= min && value <= max
            ? value
            : throw Fail(key, expected, Quote(text));
    }

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    internal int Int(string key, int min, int max) => (int)Long(key, min, max);

    /// <summary>Any 64-bit unsigned integer, in decimal.</summary>
    internal ulong UnsignedLong(string key)
    {
        string text = Text(key, "an unsigned 64-bit integer");
        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value)
            ? value
            : throw Fail(key, "an unsigned 64-bit integer", Quote(text));
    }

    /// <summary>A double in round-trip form; finite and at least 0 when <paramref name="finiteNonNegative"/>.</summary>
    internal double Double(string key, bool finiteNonNegative)
    {
        string expected = finiteNonNegative ? "a finite number of at least 0" : "a number";
        string text = Text(key, expected);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && (!finiteNonNegative || (value >= 0 && double.IsFinite(value)))
            ? value
            : throw Fail(key, expected, Quote(text));
    }

    /// <summary>A named value of <typeparamref name="TEnum"/> (flags joined by ", "), among <paramref name="allowed"/>.</summary>
    internal TEnum Enum<TEnum>(string key, Func<TEnum, bool> allowed, string expected)
        where TEnum : struct, Enum
    {
        string text = Text(key, expected);
        // Names only: Enum.TryParse would also take a number, which the writer never writes.
        return text.Length > 0 && !char.IsAsciiDigit(text[0]) && text[0] != '-' && System.Enum.TryParse(text, out TEnum value) && allowed(value)
            ? value
            : throw Fail(key, expected, Quote(text));
    }

    /// <summary>A xoshiro256** state written by <see cref="RunStateText.Format(in Xoshiro256)"/>.</summary>
    internal Xoshiro256 Random(string key)
    {
        const string Expected = "4 comma-separated 16-digit hexadecimal words, not all zero";
        string text = Text(key, Expected);
        Span<ulong> words = stackalloc ulong[Xoshiro256.StateWords];
        return RunStateText.TryParse(text, words) && (words[0] | words[1] | words[2] | words[3]) != 0
            ? Xoshiro256.FromState(words)
            : throw Fail(key, Expected, Quote(text));
    }

    /// <summary>Seed and position of a noise stream saved under <paramref name="prefix"/>; the stream id must be <paramref name="generator"/>'s.</summary>
    internal (ulong Seed, long Position) Stream(string prefix, NormalGenerator generator)
    {
        ulong seed = UnsignedLong(prefix + RunStateNames.SeedSuffix);
        ulong stream = UnsignedLong(prefix + RunStateNames.StreamSuffix);
        if (stream != generator.Stream)
            throw Fail(prefix + RunStateNames.StreamSuffix, $"{generator.Stream} (the stream being restored)", Quote(stream.ToString(CultureInfo.InvariantCulture)));
        return (seed, Long(prefix + RunStateNames.PositionSuffix, 0));
    }

    /// <summary>The I32 tensor <paramref name="name"/> of exactly <paramref name="length"/> elements, one dimension.</summary>
    internal int[] Int32s(string name, int length, string what)
    {
        int[] values = MemoryMarshal.Cast<byte, int>(Bytes(name, SafetensorsDtype.I32, length, what)).ToArray();
        if (!BitConverter.IsLittleEndian)
            BinaryPrimitives.ReverseEndianness(values, values);
        return values;
    }

    /// <summary>The F64 tensor <paramref name="name"/> of exactly <paramref name="length"/> elements, one dimension.</summary>
    internal double[] Float64s(string name, int length, string what)
    {
        long[] bits = MemoryMarshal.Cast<byte, long>(Bytes(name, SafetensorsDtype.F64, length, what)).ToArray();
        if (!BitConverter.IsLittleEndian)
            BinaryPrimitives.ReverseEndianness(bits, bits);
        return MemoryMarshal.Cast<long, double>(bits.AsSpan()).ToArray();
    }

    /// <summary>A user error about a metadata entry: "file: metadata 'key': expected …, got …".</summary>
    internal UserInputException Fail(string key, string expected, string got) =>
        Error(Source, $"metadata {Quote(key)}: expected {expected}, got {got}");

    /// <summary>A user error about a tensor's values: "file: tensor 'name': expected …, got …".</summary>
    internal UserInputException FailTensor(string name, string expected, string got) =>
        Error(Source, $"tensor {Quote(name)}: expected {expected}, got {got}");

    private ReadOnlySpan<byte> Bytes(string name, SafetensorsDtype dtype, int length, string what)
    {
        if (!file.Contains(name))
            throw Error(Source, $"tensor {Quote(name)}: expected one for {what}, got none");
        SafetensorsTensorInfo info = file.GetTensorInfo(name);
        if (info.Dtype != dtype)
            throw Error(Source, $"tensor {Quote(name)}: field 'dtype': expected {SafetensorsDtypes.HeaderName(dtype)}, got {SafetensorsDtypes.HeaderName(info.Dtype)}");
        if (info.Shape.Count != 1 || info.Shape[0] != length)
            throw Error(Source, $"tensor {Quote(name)}: field 'shape': expected [{length}] for {what}, got [{string.Join(", ", info.Shape)}]");
        return file.GetBytes(name);
    }
}
