namespace SurgeCollapse.Simd.Data;

/// <summary>How a text file is cut into tokens (SPEC §2, <c>text</c>).</summary>
public enum TextTokenization
{
    /// <summary>Each byte of the UTF-8 encoding is a token: vocabulary 256, whatever the file holds.</summary>
    Bytes,

    /// <summary>Each Unicode scalar value (rune) is a token; the vocabulary is the distinct characters of the file, in ascending code-point order.</summary>
    Characters,
}
