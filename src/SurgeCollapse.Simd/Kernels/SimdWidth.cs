namespace SurgeCollapse.Simd.Kernels;

/// <summary>The vector width a kernel runs with, in bits (0 for plain scalar code).</summary>
public enum SimdWidth
{
    /// <summary>Plain scalar code, no vector instructions.</summary>
    Scalar = 0,
    /// <summary>128-bit vectors (SSE / NEON).</summary>
    Vector128 = 128,
    /// <summary>256-bit vectors (AVX2 + FMA).</summary>
    Vector256 = 256,
    /// <summary>512-bit vectors (AVX-512).</summary>
    Vector512 = 512,
}
