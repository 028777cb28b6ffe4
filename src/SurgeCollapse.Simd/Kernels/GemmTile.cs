namespace SurgeCollapse.Simd.Kernels;

/// <summary>Writes a finished tile of accumulators to C, element by element (edge tiles and the scalar kernel).</summary>
internal static class GemmTile
{
    /// <summary>
    /// <c>C[r, j] = α·tile[r, j] + β·C[r, j]</c> for the valid part of the tile, rounded exactly as the vector
    /// write-out (<c>β·C + α·acc</c>, fused wherever the hardware has FMA, as every multiply-add of the GEMM: a
    /// software fused multiply-add would cost more than the product), so edge and interior tiles agree; C is not
    /// read when β is 0.
    /// </summary>
    public static unsafe void WriteEdge(float* tile, int tileColumns, float* c, int ldc, int rows, int columns, float alpha, float beta)
    {
        for (int r = 0; r < rows; r++)
        {
            float* row = c + (long)r * ldc;
            float* accumulators = tile + r * tileColumns;
            for (int j = 0; j < columns; j++)
            {
                float scaled = alpha * accumulators[j];
                row[j] = beta == 0f ? scaled : float.MultiplyAddEstimate(beta, row[j], scaled);
            }
        }
    }
}
