namespace SurgeCollapse.Simd.Kernels;

/// <summary>Which operand of a matrix product is read transposed.</summary>
internal enum GemmForm
{
    /// <summary>C = α·A·B + β·C.</summary>
    Normal,
    /// <summary>C = α·A·Bᵀ + β·C.</summary>
    TransposeB,
    /// <summary>C = α·Aᵀ·B + β·C.</summary>
    TransposeA,
}
