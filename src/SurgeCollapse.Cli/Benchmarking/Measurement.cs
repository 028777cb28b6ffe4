using System.Diagnostics;
using SurgeCollapse.Simd.Sparsity;

namespace SurgeCollapse.Cli.Benchmarking;

/// <summary>Calls per second of a workload: the median over the repetitions, and the bytes it allocated per call.</summary>
internal readonly record struct Throughput(double CallsPerSecond, double AllocatedBytesPerCall, long Calls);

/// <summary>Per-call latency of a workload: the medians over the repetitions of each repetition's percentiles.</summary>
internal readonly record struct Latency(double P50Ns, double P99Ns, double AllocatedBytesPerCall, long Calls);

/// <summary>
/// The measuring loops of <c>surge bench</c>: warm up, then repeat a fixed wall-clock measurement and keep the median,
/// which one preempted repetition cannot move (the machines this runs on are shared, 2-vCPU virtual machines).
/// </summary>
/// <remarks>
/// Allocation is <see cref="GC.GetAllocatedBytesForCurrentThread"/> around every measured call of every repetition:
/// the workloads run on this thread (one GEMM thread), and nothing the loops themselves do allocates.
/// </remarks>
internal static class Measurement
{
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    /// <summary>Calls per second, measured in <see cref="BenchBudget.Repetitions"/> windows of <see cref="BenchBudget.Repetition"/>.</summary>
    public static Throughput MeasureThroughput(IBenchWorkload workload, BenchBudget budget) => MeasureSideBySide([workload], budget)[0].Step;

    /// <summary>
    /// Calls per second of several workloads measured side by side: every repetition times each workload in turn, so a
    /// slow phase of a shared machine falls on all of them alike. Each one's fraction of the first is the median over
    /// repetitions of the ratio of their rates in that repetition (a paired comparison), not a ratio of medians.
    /// </summary>
    public static (Throughput Step, double FractionOfFirst)[] MeasureSideBySide(IReadOnlyList<IBenchWorkload> workloads, BenchBudget budget)
    {
        foreach (IBenchWorkload workload in workloads)
            WarmUp(workload, budget);
        long windowTicks = Ticks(budget.Repetition);
        var rates = new float[workloads.Count][];
        var calls = new long[workloads.Count];
        var allocated = new long[workloads.Count];
        for (int w = 0; w < workloads.Count; w++)
            rates[w] = new float[budget.Repetitions];
        for (int r = 0; r < budget.Repetitions; r++)
        {
            // Each repetition starts one workload later, so none is always the first after another's window.
            for (int turn = 0; turn < workloads.Count; turn++)
            {
                int w = (r + turn) % workloads.Count;
                IBenchWorkload workload = workloads[w];
                int leastCalls = LeastCallsPerRepetition(workload, budget);
                long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                long start = Stopwatch.GetTimestamp(), end = start + windowTicks, now;
                long n = 0;
                do
                {
                    workload.Run();
                    n++;
                    now = Stopwatch.GetTimestamp();
                }
                while (now < end || n < leastCalls);

                allocated[w] += GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                rates[w][r] = (float)(n * (double)Stopwatch.Frequency / (now - start));
                calls[w] += n;
            }
        }

        (double Median, double FractionOfFirst)[] summary = Paired(rates);
        var results = new (Throughput, double)[workloads.Count];
        for (int w = 0; w < workloads.Count; w++)
            results[w] = (new Throughput(summary[w].Median, (double)allocated[w] / calls[w], calls[w]), summary[w].FractionOfFirst);
        return results;
    }

    /// <summary>
    /// Per workload (<c>rates[workload][repetition]</c>), the median rate and the median over repetitions of its rate
    /// divided by the first workload's in the same repetition. The rates are left as they are (the medians select on copies).
    /// </summary>
    internal static (double Median, double FractionOfFirst)[] Paired(float[][] rates)
    {
        var summary = new (double, double)[rates.Length];
        for (int w = 0; w < rates.Length; w++)
        {
            var ratios = new float[rates[w].Length];
            for (int r = 0; r < ratios.Length; r++)
                ratios[r] = rates[w][r] / rates[0][r];
            summary[w] = (Median([.. rates[w]]), Median(ratios));
        }

        return summary;
    }

    /// <summary>
    /// The 50th and 99th percentile of the time of one call, each call timed on its own with
    /// <see cref="Stopwatch.GetTimestamp"/> (so each figure includes one timer read; see <see cref="TimerOverhead"/>).
    /// </summary>
    public static Latency MeasureLatency(IBenchWorkload workload, BenchBudget budget)
    {
        double callsPerSecond = WarmUp(workload, budget);
        long windowTicks = Ticks(budget.Repetition);
        // Room for twice the calls the warm-up rate predicts for one window (the buffer is allocated before counting).
        int capacity = (int)Math.Clamp(2 * callsPerSecond * budget.Repetition.TotalSeconds, 1_000, 4_000_000);
        var samples = new float[capacity];
        var p50 = new float[budget.Repetitions];
        var p99 = new float[budget.Repetitions];
        long calls = 0, allocated = 0;
        for (int r = 0; r < p50.Length; r++)
        {
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            long end = Stopwatch.GetTimestamp() + windowTicks, after;
            int n = 0;
            do
            {
                long before = Stopwatch.GetTimestamp();
                workload.Run();
                after = Stopwatch.GetTimestamp();
                samples[n++] = (float)((after - before) * NanosecondsPerTick);
            }
            while (after < end && n < samples.Length);

            allocated += GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            // Outside the allocation count: the percentiles are the benchmark's work, not the workload's (and under
            // NativeAOT the selection's Span.Sort allocates). Quantile.Of reorders the samples in place; both
            // percentiles are order statistics of the same set.
            Span<float> taken = samples.AsSpan(0, n);
            p50[r] = Quantile.Of(taken, 0.5f);
            p99[r] = Quantile.Of(taken, 0.99f);
            calls += n;
        }

        return new Latency(Median(p50), Median(p99), (double)allocated / calls, calls);
    }

    /// <summary>What timing one call adds: the latency of a call that does nothing, measured as the others are.</summary>
    public static double TimerOverhead(BenchBudget budget) => MeasureLatency(new NothingWorkload(), budget).P50Ns;

    /// <summary>The median of a few values (reorders them).</summary>
    public static double Median(float[] values) => Quantile.Of(values, 0.5f);

    /// <summary>Runs the workload for at least <see cref="BenchBudget.WarmUp"/> and <see cref="BenchBudget.WarmUpCalls"/> calls
    /// (and one full cycle), up to <see cref="BenchBudget.WarmUpLimit"/>; returns the calls per second it saw.</summary>
    private static double WarmUp(IBenchWorkload workload, BenchBudget budget)
    {
        long start = Stopwatch.GetTimestamp();
        long leastEnd = start + Ticks(budget.WarmUp), limit = start + Ticks(budget.WarmUpLimit), now;
        long calls = 0;
        do
        {
            workload.Run();
            calls++;
            now = Stopwatch.GetTimestamp();
        }
        while (calls < workload.CycleCalls || ((now < leastEnd || calls < budget.WarmUpCalls) && now < limit));

        return calls * (double)Stopwatch.Frequency / Math.Max(1, now - start);
    }

    /// <summary>Spread over the repetitions, the measured calls cover one cycle of a periodic workload at least.</summary>
    private static int LeastCallsPerRepetition(IBenchWorkload workload, BenchBudget budget) =>
        Math.Max(1, (workload.CycleCalls + budget.Repetitions - 1) / budget.Repetitions);

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private sealed class NothingWorkload : IBenchWorkload
    {
        public int CycleCalls => 1;

        public void Run()
        {
        }
    }
}
