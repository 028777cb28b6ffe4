using SurgeCollapse.Simd.Kernels;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Kernels;

[Collection(WholeProcessTests.Name)]
public sealed class GemmAllocationTests
{
    /// <summary>
    /// Products split over both cores allocate nothing on any thread once warm: the workers and their packing buffers
    /// are created by the first split, and a split hands the job over in a static field. Measured on the calling thread
    /// and on the workers (each records its own count after every part); it runs alone in its collection so no other
    /// test's product holds the workers.
    /// </summary>
    [Fact]
    public void Split_products_allocate_nothing_on_any_thread()
    {
        const int N = 96;
        float[] a = Generators.RandomArray(N * N, 1), b = Generators.RandomArray(N * N, 2), c = new float[N * N];
        long splits = GemmWorkers.SplitCount;
        void Product(int i) => Gemm.Compute((GemmForm)(i % 3), N, N, N, 1f, a, N, b, N, 0f, c, N, SimdCapabilities.Widest, splitThreshold: 1);

        Allocations.AfterWarmUp(1, Product);
        long caller = GC.GetAllocatedBytesForCurrentThread(), workers = GemmWorkers.WorkerAllocatedBytes;
        for (int i = 0; i < 2_000; i++)
            Product(i);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - caller);
        Assert.Equal(0, GemmWorkers.WorkerAllocatedBytes - workers);
        if (Environment.ProcessorCount > 1 && Gemm.MaxThreads > 1)
            Assert.True(GemmWorkers.SplitCount > splits + 2_000, "the products were not split");
    }
}
