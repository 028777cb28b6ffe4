using System.Diagnostics;

namespace SurgeCollapse.Simd.TorchPeer;

/// <summary>What one side measured: seconds per call of every timed window (or of every single call), and the engine's allocations.</summary>
internal sealed record Samples(double[] SecondsPerCall, long AllocatedBytes)
{
    public double Median => Percentile(0.5);

    /// <summary>The q-quantile, linear between order statistics.</summary>
    public double Percentile(double q)
    {
        double[] sorted = [.. SecondsPerCall.Order()];
        double rank = q * (sorted.Length - 1);
        int below = (int)Math.Floor(rank);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((rank - below) * (sorted[above] - sorted[below]));
    }
}

/// <summary>
/// The measurement: a warm-up, then windows of calls timed with <see cref="Stopwatch"/>, the engine's and libtorch's
/// windows alternating so that a burst of load on the shared machine hits both alike. The engine's thread-local
/// allocations are counted across its timed windows (they should be zero).
/// </summary>
internal static class Timing
{
    /// <summary>Seconds each side warms up for (JIT tiers, libtorch's first-call work), and at least this many windows.</summary>
    public const double WarmupSeconds = 0.5;
    public const int WarmupWindows = 2;

    /// <summary>
    /// Windows of <paramref name="calls"/> calls each, alternating, until each side has spent <paramref name="seconds"/>
    /// and has at least <paramref name="minWindows"/> windows.
    /// </summary>
    public static (Samples Engine, Samples Torch) Windows(Action engine, Action torch, int calls, double seconds, int minWindows = 11) =>
        Windows(engine, torch, calls, seconds, minWindows, alone: false);

    /// <summary>One side alone (the FMA peak): windows after a warm-up until <paramref name="seconds"/> are spent.</summary>
    public static Samples Alone(Action action, int calls, double seconds, int minWindows = 11) =>
        Windows(action, static () => { }, calls, seconds, minWindows, alone: true).Engine;

    private static (Samples Engine, Samples Torch) Windows(Action engine, Action torch, int calls, double seconds, int minWindows, bool alone)
    {
        Warm(engine, torch, calls, alone);
        var engineTimes = new List<double>(1024);
        var torchTimes = new List<double>(1024);
        double engineTotal = 0, torchTotal = 0;
        long allocated = 0;
        while (engineTimes.Count < minWindows || engineTotal < seconds || (!alone && torchTotal < seconds))
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            double e = Window(engine, calls);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            double t = Window(torch, calls);
            engineTimes.Add(e / calls);
            torchTimes.Add(t / calls);
            engineTotal += e;
            torchTotal += t;
            if (engineTimes.Count >= 100_000)
                break;
        }

        return (new Samples([.. engineTimes], allocated), new Samples([.. torchTimes], 0));
    }

    /// <summary>
    /// Every call timed on its own (for the latency distribution of batch-1 prediction), in alternating blocks of
    /// <paramref name="block"/> calls, until each side has <paramref name="calls"/> samples. The figures include the
    /// timer's own cost (two clock reads, a few tens of ns).
    /// </summary>
    public static (Samples Engine, Samples Torch) SingleCalls(Action engine, Action torch, int calls, int block = 1000)
    {
        Warm(engine, torch, block, alone: false);
        double[] engineTimes = new double[calls], torchTimes = new double[calls];
        long allocated = 0;
        for (int start = 0; start < calls; start += block)
        {
            int end = Math.Min(calls, start + block);
            long before = GC.GetAllocatedBytesForCurrentThread();
            TimeEach(engine, engineTimes, start, end);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            TimeEach(torch, torchTimes, start, end);
        }

        return (new Samples(engineTimes, allocated), new Samples(torchTimes, 0));
    }

    private static void Warm(Action engine, Action torch, int calls, bool alone)
    {
        double engineTotal = 0, torchTotal = 0;
        for (int w = 0; w < WarmupWindows || engineTotal < WarmupSeconds || (!alone && torchTotal < WarmupSeconds); w++)
        {
            engineTotal += Window(engine, calls);
            torchTotal += Window(torch, calls);
        }
    }

    private static double Window(Action action, int calls)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++)
            action();
        return (double)(Stopwatch.GetTimestamp() - start) / Stopwatch.Frequency;
    }

    private static void TimeEach(Action action, double[] times, int start, int end)
    {
        double tick = 1.0 / Stopwatch.Frequency;
        for (int i = start; i < end; i++)
        {
            long before = Stopwatch.GetTimestamp();
            action();
            times[i] = (Stopwatch.GetTimestamp() - before) * tick;
        }
    }
}
