namespace SurgeCollapse.Simd.Kernels;

/// <summary>
/// One group of dot products for batch-1 <c>A·Bᵀ</c> (<see cref="Gemm.DotProducts"/>): one row of A against
/// <see cref="Rows"/> consecutive rows of B, all contiguous. Implemented by structs so the JIT specialises the
/// driver for each width.
/// </summary>
internal unsafe interface IDotProductKernel
{
    /// <summary>Rows of B per group (the 512-bit kernel: one vector's lanes, so that the group's sums come out as one vector).</summary>
    static abstract int Rows { get; }

    /// <summary>The shortest depth the kernel takes (its tail reads one whole vector ending at <c>k</c>).</summary>
    static abstract int MinDepth { get; }

    /// <summary>
    /// <c>sums[t] = Σ_p a[p]·b[t·stride + p]</c> for <c>t &lt; rows</c> (<c>rows ≤ Rows</c>); rows past the last
    /// repeat it (only the last group of a layer whose width is not a multiple of <see cref="Rows"/> has them), so that
    /// the kernel never reads past B.
    /// </summary>
    static abstract void Run(float* a, float* b, long stride, int rows, int k, float* sums);
}
