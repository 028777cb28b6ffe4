namespace SurgeCollapse.Simd.Kernels;

public static partial class Gemm
{
    // Cache blocking (Goto & van de Geijn, "Anatomy of high-performance matrix multiplication", 2008):
    // a KC×NR panel of B stays in L1 while the micro-kernel sweeps an MC×KC block of A held in L2; the
    // KC×NC block of B lives in L2/L3. MC is a multiple of every kernel's MR, NC of every NR.
    internal const int DepthBlock = 256;   // KC
    internal const int RowBlock = 144;     // MC
    internal const int ColumnBlock = 1024; // NC

    [ThreadStatic] private static PackingBuffers? t_buffers;

    /// <summary>The blocked loop nest for one block of C, specialised per micro-kernel.</summary>
    internal static unsafe void Blocked<TKernel>(in GemmJob job, int rowStart, int rowEnd, int columnStart, int columnEnd)
        where TKernel : struct, IGemmMicroKernel
    {
        int mr = TKernel.Rows, nr = TKernel.Columns;
        PackingBuffers buffers = t_buffers ??= new PackingBuffers();
        float* packedA = buffers.A, packedB = buffers.B;

        for (int jc = columnStart; jc < columnEnd; jc += ColumnBlock)
        {
            int nc = Math.Min(ColumnBlock, columnEnd - jc);
            for (int pc = 0; pc < job.K; pc += DepthBlock)
            {
                int kc = Math.Min(DepthBlock, job.K - pc);
                float beta = pc == 0 ? job.Beta : 1f; // later depth blocks accumulate onto the first
                for (int jp = 0; jp < nc; jp += nr)
                {
                    float* source = job.B + (long)pc * job.BDepthStride + (long)(jc + jp) * job.BColumnStride;
                    PackPanel(source, job.BColumnStride, job.BDepthStride, Math.Min(nr, nc - jp), nr, kc, packedB + (long)jp * kc);
                }

                for (int ic = rowStart; ic < rowEnd; ic += RowBlock)
                {
                    int mc = Math.Min(RowBlock, rowEnd - ic);
                    for (int ip = 0; ip < mc; ip += mr)
                    {
                        float* source = job.A + (long)(ic + ip) * job.ARowStride + (long)pc * job.ADepthStride;
                        PackPanel(source, job.ARowStride, job.ADepthStride, Math.Min(mr, mc - ip), mr, kc, packedA + (long)ip * kc);
                    }

                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        float* cColumn = job.C + (long)ic * job.Ldc + jc + jr;
                        int columns = Math.Min(nr, nc - jr);
                        for (int ir = 0; ir < mc; ir += mr)
                        {
                            TKernel.Run(kc, packedA + (long)ir * kc, packedB + (long)jr * kc, cColumn + (long)ir * job.Ldc,
                                job.Ldc, job.Alpha, beta, Math.Min(mr, mc - ir), columns);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Each thread's packing panels: pinned, 64-byte aligned, allocated once per thread.</summary>
    private sealed unsafe class PackingBuffers
    {
        private const int Slack = 16 + 8; // up to 15 floats lost to alignment, 2 spilled by a 6-wide transpose
        private readonly float[] _a = GC.AllocateUninitializedArray<float>(RowBlock * DepthBlock + Slack, pinned: true);
        private readonly float[] _b = GC.AllocateUninitializedArray<float>(ColumnBlock * DepthBlock + Slack, pinned: true);

        public float* A => Align(_a);
        public float* B => Align(_b);

        private static float* Align(float[] array)
        {
            nint address = (nint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(array));
            return (float*)((address + 63) & ~(nint)63);
        }
    }
}
