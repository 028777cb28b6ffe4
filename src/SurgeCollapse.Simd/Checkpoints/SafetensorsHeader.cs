using System.Text.Json;
using System.Text.Unicode;
using static SurgeCollapse.Simd.Checkpoints.SafetensorsMessages;

namespace SurgeCollapse.Simd.Checkpoints;

/// <summary>
/// The JSON header of a safetensors file, checked against every rule the reference implementation enforces
/// (huggingface/safetensors, <c>Metadata::validate</c> and <c>read_metadata</c>): known dtypes, non-negative
/// integer shapes without overflow, byte ranges that match shape × element size, and ranges that tile the data
/// buffer exactly — no overlaps, no gaps, no trailing bytes.
/// </summary>
internal sealed class SafetensorsHeader
{
    /// <summary>The reference implementation's <c>MAX_HEADER_SIZE</c>: larger headers are refused unread.</summary>
    internal const long MaxLengthBytes = 100_000_000;

    private const string MetadataKey = "__metadata__";

    private SafetensorsHeader(SafetensorsTensorInfo[] tensors, Dictionary<string, string> metadata)
    {
        Tensors = tensors;
        Metadata = metadata;
    }

    /// <summary>The tensors in data order (ascending offsets).</summary>
    internal SafetensorsTensorInfo[] Tensors { get; }

    /// <summary>The <c>__metadata__</c> map, empty when the header has none.</summary>
    internal Dictionary<string, string> Metadata { get; }

    /// <summary>Parses and validates a header that describes a data buffer of <paramref name="dataLength"/> bytes.</summary>
    internal static SafetensorsHeader Parse(ReadOnlyMemory<byte> json, long dataLength, string source)
    {
        if (!Utf8.IsValid(json.Span))
            throw Error(source, "header: expected UTF-8 JSON, got invalid UTF-8 bytes");

        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return FromJson(document.RootElement, dataLength, source);
        }
        catch (JsonException exception)
        {
            throw Error(source, $"header: expected valid JSON, got {exception.Message}", exception);
        }
        catch (InvalidOperationException exception)
        {
            // Valid JSON can still escape a lone UTF-16 surrogate ("\ud800"), which no .NET string can hold.
            throw Error(source, $"header: expected JSON strings that are valid Unicode, got {exception.Message}", exception);
        }
    }

    private static SafetensorsHeader FromJson(JsonElement root, long dataLength, string source)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw Error(source, $"header: expected a JSON object, got {Describe(root)}");
        var tensors = new List<SafetensorsTensorInfo>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty entry in root.EnumerateObject())
        {
            // JSON allows repeated keys; a checkpoint with two values for one name is ambiguous, so refuse it.
            if (!keys.Add(entry.Name))
                throw Error(source, $"key {Quote(entry.Name)}: expected each key once, got it twice");
            if (entry.Name == MetadataKey)
                ParseMetadata(entry.Value, metadata, source);
            else
                tensors.Add(ParseTensor(entry.Name, entry.Value, dataLength, source));
        }

        SafetensorsTensorInfo[] ordered = [.. tensors];
        Array.Sort(ordered, CompareByOffsets);
        CheckTiling(ordered, dataLength, source);
        return new SafetensorsHeader(ordered, metadata);
    }

    private static void ParseMetadata(JsonElement value, Dictionary<string, string> metadata, string source)
    {
        // The reference reads __metadata__ as Option<HashMap<String, String>>, so null means "none".
        if (value.ValueKind == JsonValueKind.Null)
            return;
        if (value.ValueKind != JsonValueKind.Object)
            throw Error(source, $"field '{MetadataKey}': expected an object of strings, got {Describe(value)}");
        foreach (JsonProperty item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
                throw Error(source, $"field '{MetadataKey}', key {Quote(item.Name)}: expected a string, got {Describe(item.Value)}");
            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
                throw Error(source, $"field '{MetadataKey}', key {Quote(item.Name)}: expected each key once, got it twice");
        }
    }

    private static SafetensorsTensorInfo ParseTensor(string name, JsonElement value, long dataLength, string source)
    {
        string tensor = $"tensor {Quote(name)}";
        if (value.ValueKind != JsonValueKind.Object)
            throw Error(source, $"{tensor}: expected an object with dtype, shape and data_offsets, got {Describe(value)}");

        JsonElement? dtypeValue = null, shapeValue = null, offsetsValue = null;
        foreach (JsonProperty field in value.EnumerateObject())
        {
            // Other fields are ignored, as the reference (serde without deny_unknown_fields) does.
            switch (field.Name)
            {
                case "dtype":
                    SetOnce(ref dtypeValue, field, tensor, source);
                    break;
                case "shape":
                    SetOnce(ref shapeValue, field, tensor, source);
                    break;
                case "data_offsets":
                    SetOnce(ref offsetsValue, field, tensor, source);
                    break;
            }
        }

        SafetensorsDtype dtype = ParseDtype(dtypeValue, tensor, source);
        (int[] shape, long elementCount) = ParseShape(shapeValue, tensor, source);
        (long begin, long end) = ParseOffsets(offsetsValue, dataLength, tensor, source);

        int elementSize = SafetensorsDtypes.SizeBytes(dtype);
        if (elementCount > long.MaxValue / elementSize)
            throw Error(source, $"{tensor}: field 'shape': expected at most {long.MaxValue} bytes, got {elementCount} elements of {elementSize} bytes");
        long byteLength = elementCount * elementSize;
        if (end - begin != byteLength)
            throw Error(source, $"{tensor}: field 'data_offsets': expected {byteLength} bytes ({elementCount} elements of {SafetensorsDtypes.HeaderName(dtype)}), got {end - begin} (begin {begin}, end {end})");

        return new SafetensorsTensorInfo(name, dtype, shape, elementCount, begin, end);
    }

    private static void SetOnce(ref JsonElement? slot, JsonProperty field, string tensor, string source)
    {
        if (slot is not null)
            throw Error(source, $"{tensor}: field {Quote(field.Name)}: expected once, got it twice");
        slot = field.Value;
    }

    private static SafetensorsDtype ParseDtype(JsonElement? value, string tensor, string source)
    {
        if (value is not { ValueKind: JsonValueKind.String } text)
            throw Error(source, $"{tensor}: field 'dtype': expected a string, got {DescribeMissing(value)}");
        if (!SafetensorsDtypes.TryParse(text.GetString()!, out SafetensorsDtype dtype))
            throw Error(source, $"{tensor}: field 'dtype': expected one of {SafetensorsDtypes.AllHeaderNames}, got {Describe(text)}");
        return dtype;
    }

    private static (int[] Shape, long ElementCount) ParseShape(JsonElement? value, string tensor, string source)
    {
        if (value is not { ValueKind: JsonValueKind.Array } array)
            throw Error(source, $"{tensor}: field 'shape': expected an array of non-negative integers, got {DescribeMissing(value)}");

        var shape = new int[array.GetArrayLength()];
        long elementCount = 1;
        int axis = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            // Dimensions are capped at int.MaxValue: the engine indexes with int, and a whole file is below 2 GiB.
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long dimension) || dimension is < 0 or > int.MaxValue)
                throw Error(source, $"{tensor}: field 'shape[{axis}]': expected an integer from 0 to {int.MaxValue}, got {Describe(item)}");
            // Checked in order like the reference's try_fold(checked_mul): an overflow counts even before a 0.
            if (dimension != 0 && elementCount > long.MaxValue / dimension)
                throw Error(source, $"{tensor}: field 'shape': expected an element count below 2^63, got an overflow at dimension {axis}");
            elementCount *= dimension;
            shape[axis++] = (int)dimension;
        }

        return (shape, elementCount);
    }

    private static (long Begin, long End) ParseOffsets(JsonElement? value, long dataLength, string tensor, string source)
    {
        if (value is not { ValueKind: JsonValueKind.Array } array || array.GetArrayLength() != 2)
            throw Error(source, $"{tensor}: field 'data_offsets': expected an array [begin, end], got {DescribeMissing(value)}");
        JsonElement first = array[0], second = array[1];
        if (!IsNonNegativeInteger(first, out long begin) || !IsNonNegativeInteger(second, out long end))
            throw Error(source, $"{tensor}: field 'data_offsets': expected two non-negative integers, got [{Describe(first)}, {Describe(second)}]");
        if (end < begin)
            throw Error(source, $"{tensor}: field 'data_offsets': expected begin <= end, got [{begin}, {end}]");
        if (end > dataLength)
            throw Error(source, $"{tensor}: field 'data_offsets': expected end <= {dataLength} (the data size), got [{begin}, {end}]");
        return (begin, end);
    }

    /// <summary>
    /// The reference sorts by offsets and requires each tensor to start where the previous one ends and the last
    /// to end at the end of the file (InvalidOffset, MetadataIncompleteBuffer): no byte is shared or unaccounted for.
    /// </summary>
    private static void CheckTiling(SafetensorsTensorInfo[] ordered, long dataLength, string source)
    {
        long expectedBegin = 0;
        string previous = "the start of the data";
        foreach (SafetensorsTensorInfo info in ordered)
        {
            if (info.DataBegin < expectedBegin)
                throw Error(source, $"tensor {Quote(info.Name)}: field 'data_offsets': expected begin {expectedBegin} ({previous}), got {info.DataBegin}: the tensors overlap");
            if (info.DataBegin > expectedBegin)
                throw Error(source, $"tensor {Quote(info.Name)}: field 'data_offsets': expected begin {expectedBegin} ({previous}), got {info.DataBegin}: a gap of {info.DataBegin - expectedBegin} bytes belongs to no tensor");
            expectedBegin = info.DataEnd;
            previous = $"where tensor {Quote(info.Name)} ends";
        }

        if (expectedBegin != dataLength)
            throw Error(source, $"data: expected {expectedBegin} bytes after the header ({previous}), got {dataLength}: {dataLength - expectedBegin} trailing bytes belong to no tensor");
    }

    private static int CompareByOffsets(SafetensorsTensorInfo left, SafetensorsTensorInfo right)
    {
        int order = left.DataBegin.CompareTo(right.DataBegin);
        if (order == 0)
            order = left.DataEnd.CompareTo(right.DataEnd);
        // Names break ties so that messages about identical ranges do not depend on the sort.
        return order != 0 ? order : string.CompareOrdinal(left.Name, right.Name);
    }

    private static bool IsNonNegativeInteger(JsonElement value, out long integer)
    {
        integer = 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out integer) && integer >= 0;
    }

    private static string DescribeMissing(JsonElement? value) => value is { } present ? Describe(present) : "nothing (the field is missing)";
}
