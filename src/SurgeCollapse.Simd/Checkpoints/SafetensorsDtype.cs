namespace SurgeCollapse.Simd.Checkpoints;

/// <summary>
/// The element types a safetensors header can name. The set and the element sizes are those of the reference
/// implementation's <c>Dtype</c> enum (huggingface/safetensors, <c>safetensors/src/tensor.rs</c>); the header
/// spells them <c>F64</c>, <c>F32</c>, …, <c>BOOL</c>, <c>F8_E4M3</c>, <c>F8_E5M2</c>.
/// </summary>
public enum SafetensorsDtype
{
    /// <summary>IEEE 754 binary64, 8 bytes (<c>F64</c>).</summary>
    F64,

    /// <summary>IEEE 754 binary32, 4 bytes (<c>F32</c>): the only type the engine reads as values.</summary>
    F32,

    /// <summary>IEEE 754 binary16, 2 bytes (<c>F16</c>).</summary>
    F16,

    /// <summary>bfloat16, 2 bytes (<c>BF16</c>).</summary>
    BF16,

    /// <summary>Signed 64-bit integer (<c>I64</c>).</summary>
    I64,

    /// <summary>Signed 32-bit integer (<c>I32</c>).</summary>
    I32,

    /// <summary>Signed 16-bit integer (<c>I16</c>).</summary>
    I16,

    /// <summary>Signed 8-bit integer (<c>I8</c>).</summary>
    I8,

    /// <summary>Unsigned 64-bit integer (<c>U64</c>).</summary>
    U64,

    /// <summary>Unsigned 32-bit integer (<c>U32</c>).</summary>
    U32,

    /// <summary>Unsigned 16-bit integer (<c>U16</c>).</summary>
    U16,

    /// <summary>Unsigned 8-bit integer (<c>U8</c>).</summary>
    U8,

    /// <summary>Boolean, one byte per element (<c>BOOL</c>).</summary>
    Bool,

    /// <summary>8-bit float with 4 exponent and 3 mantissa bits (<c>F8_E4M3</c>).</summary>
    F8E4M3,

    /// <summary>8-bit float with 5 exponent and 2 mantissa bits (<c>F8_E5M2</c>).</summary>
    F8E5M2,
}
