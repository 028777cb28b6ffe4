namespace SurgeCollapse.Simd.Checkpoints;

/// <summary>
/// One tensor listed in a safetensors header, already validated: its element type, its shape and where its bytes
/// lie in the data buffer that follows the header.
/// </summary>
public sealed class SafetensorsTensorInfo
{
    internal SafetensorsTensorInfo(string name, SafetensorsDtype dtype, int[] shape, long elementCount, long dataBegin, long dataEnd)
    {
        Name = name;
        Dtype = dtype;
        Shape = shape.AsReadOnly();
        ElementCount = elementCount;
        DataBegin = dataBegin;
        DataEnd = dataEnd;
    }

    /// <summary>The tensor's name, e.g. <c>layers.0.weight</c>.</summary>
    public string Name { get; }

    /// <summary>The element type.</summary>
    public SafetensorsDtype Dtype { get; }

    /// <summary>The element type as the header spells it: <c>F32</c>, <c>BOOL</c>, <c>F8_E4M3</c>, ….</summary>
    public string DtypeName => SafetensorsDtypes.HeaderName(Dtype);

    /// <summary>The shape, outermost dimension first (row-major). Empty for a scalar.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The number of elements: the product of <see cref="Shape"/> (1 for a scalar).</summary>
    public long ElementCount { get; }

    /// <summary>The first byte of the tensor, counted from the start of the data buffer (just after the header).</summary>
    public long DataBegin { get; }

    /// <summary>One past the last byte of the tensor, counted like <see cref="DataBegin"/>.</summary>
    public long DataEnd { get; }

    /// <summary>The number of bytes the tensor occupies: <see cref="DataEnd"/> − <see cref="DataBegin"/>.</summary>
    public long ByteLength => DataEnd - DataBegin;
}
