namespace SurgeCollapse.Simd.Checkpoints;

/// <summary>How each <see cref="SafetensorsDtype"/> is spelled in a header and how many bytes an element takes.</summary>
internal static class SafetensorsDtypes
{
    private static readonly (SafetensorsDtype Dtype, string HeaderName, int SizeBytes)[] Known =
    [
        (SafetensorsDtype.F64, "F64", 8),
        (SafetensorsDtype.F32, "F32", 4),
        (SafetensorsDtype.F16, "F16", 2),
        (SafetensorsDtype.BF16, "BF16", 2),
        (SafetensorsDtype.I64, "I64", 8),
        (SafetensorsDtype.I32, "I32", 4),
        (SafetensorsDtype.I16, "I16", 2),
        (SafetensorsDtype.I8, "I8", 1),
        (SafetensorsDtype.U64, "U64", 8),
        (SafetensorsDtype.U32, "U32", 4),
        (SafetensorsDtype.U16, "U16", 2),
        (SafetensorsDtype.U8, "U8", 1),
        (SafetensorsDtype.Bool, "BOOL", 1),
        (SafetensorsDtype.F8E4M3, "F8_E4M3", 1),
        (SafetensorsDtype.F8E5M2, "F8_E5M2", 1),
    ];

    /// <summary>All header spellings, comma-separated, for error messages.</summary>
    internal static string AllHeaderNames { get; } = string.Join(", ", Known.Select(known => known.HeaderName));

    /// <summary>Parses a header spelling; the match is exact, as in the reference implementation.</summary>
    internal static bool TryParse(string headerName, out SafetensorsDtype dtype)
    {
        foreach (var known in Known)
        {
            if (known.HeaderName == headerName)
            {
                dtype = known.Dtype;
                return true;
            }
        }

        dtype = default;
        return false;
    }

    /// <summary>The header spelling of a dtype.</summary>
    internal static string HeaderName(SafetensorsDtype dtype) => Find(dtype).HeaderName;

    /// <summary>True for the floating-point types, whose zero has two encodings (±0) that differ only in the sign bit.</summary>
    internal static bool IsFloat(SafetensorsDtype dtype) =>
        dtype is SafetensorsDtype.F64 or SafetensorsDtype.F32 or SafetensorsDtype.F16 or SafetensorsDtype.BF16
            or SafetensorsDtype.F8E4M3 or SafetensorsDtype.F8E5M2;

    /// <summary>The size of one element in bytes.</summary>
    internal static int SizeBytes(SafetensorsDtype dtype) => Find(dtype).SizeBytes;

    private static (SafetensorsDtype Dtype, string HeaderName, int SizeBytes) Find(SafetensorsDtype dtype)
    {
        foreach (var known in Known)
        {
            if (known.Dtype == dtype)
                return known;
        }

        throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a safetensors dtype");
    }
}
