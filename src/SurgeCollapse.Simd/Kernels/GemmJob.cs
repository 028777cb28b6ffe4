namespace SurgeCollapse.Simd.Kernels;

/// <summary>
/// One product, with every operand reduced to a base pointer and two strides:
/// <c>A(i, p) = A[i·ARowStride + p·ADepthStride]</c> and <c>B(p, j) = B[p·BDepthStride + j·BColumnStride]</c>,
/// so that one blocked loop serves all three forms. The caller keeps the operands pinned while it runs.
/// </summary>
internal unsafe struct GemmJob
{
    public int M, N, K;
    public float Alpha, Beta;
    public SimdWidth Width;
    public float* A;
    public int ARowStride, ADepthStride;
    public float* B;
    public int BDepthStride, BColumnStride;
    public float* C;
    public int Ldc;

    /// <summary>Computes the block <c>C[rowStart..rowEnd, columnStart..columnEnd]</c> on this thread.</summary>
    public readonly void Run(int rowStart, int rowEnd, int columnStart, int columnEnd)
    {
        switch (Width)
        {
            case SimdWidth.Vector512: Gemm.Blocked<GemmKernel512>(in this, rowStart, rowEnd, columnStart, columnEnd); break;
            case SimdWidth.Vector256: Gemm.Blocked<GemmKernel256>(in this, rowStart, rowEnd, columnStart, columnEnd); break;
            case SimdWidth.Vector128: Gemm.Blocked<GemmKernel128>(in this, rowStart, rowEnd, columnStart, columnEnd); break;
            default: Gemm.Blocked<GemmKernelScalar>(in this, rowStart, rowEnd, columnStart, columnEnd); break;
        }
    }
}
