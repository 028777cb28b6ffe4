
namespace SurgeCollapse.Simd.Kernels;

/// <summary>
/// The scalar micro-kernel, for hardware without vector units: a 4×4 tile in 16 scalar accumulators.
/// It multiplies and adds separately: without FMA hardware a fused multiply-add is a slow software routine.
/// </summary>
internal readonly struct GemmKernelScalar : IGemmMicroKernel
{
    private const int TileRows = 4, TileColumns = 4;

    public static int Rows => TileRows;

    public static int Columns => TileColumns;

    public static unsafe void Run(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta, int rows, int columns)
    {
        float* tile = stackalloc float[TileRows * TileColumns];
        new Span<float>(tile, TileRows * TileColumns).Clear();
        for (int p = 0; p < kc; p++)
        {
            for (int r = 0; r < TileRows; r++)
            {
                float ar = a[r];
                for (int j = 0; j < TileColumns; j++)
                    tile[r * TileColumns + j] += ar * b[j];
            }

            a += TileRows;
            b += TileColumns;
        }

        GemmTile.WriteEdge(tile, TileColumns, c, ldc, rows, columns, alpha, beta);
    }
}
