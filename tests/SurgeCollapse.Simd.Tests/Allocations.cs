using System.Diagnostics;

namespace SurgeCollapse.Simd.Tests;

/// <summary>Measures the managed bytes a piece of code allocates on this thread once it is warm.</summary>
internal static class Allocations
{
    /// <summary>
    /// Runs <paramref name="action"/> for at least 200 calls and 1 s (tiered JIT needs both: it promotes a method after
    /// 30 calls but only once 100 ms pass without new tier-0 code, and dynamic PGO instruments methods in between),
    /// then returns the bytes allocated by <paramref name="iterations"/> more calls.
    /// </summary>
    public static long AfterWarmUp(int iterations, Action<int> action)
    {
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < 200 || clock.ElapsedMilliseconds < 1_000; i++)
            action(i);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < iterations; i++)
            action(i);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
