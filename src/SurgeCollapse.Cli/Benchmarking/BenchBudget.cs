namespace SurgeCollapse.Cli.Benchmarking;

/// <summary>How long <c>surge bench</c> warms up and measures each item, and how many times it repeats the measurement.</summary>
/// <param name="WarmUp">The least warm-up time per item: long enough for the JIT to reach its optimised tier.</param>
/// <param name="WarmUpCalls">The least warm-up calls per item (packing buffers, caches, branch predictors).</param>
/// <param name="WarmUpLimit">Warm-up stops here even short of <paramref name="WarmUpCalls"/> (a slow item, e.g. 1024³ on the scalar path).</param>
/// <param name="Repetition">The wall-clock time of one measured repetition.</param>
/// <param name="Repetitions">Repetitions per item; the figure reported is their median.</param>
internal sealed record BenchBudget(TimeSpan WarmUp, int WarmUpCalls, TimeSpan WarmUpLimit, TimeSpan Repetition, int Repetitions)
{
    /// <summary>The default: at least 1 s and 200 calls of warm-up, then 5 repetitions of 0.2 s (about a minute in all).</summary>
    public static BenchBudget Full { get; } = new(TimeSpan.FromSeconds(1), 200, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200), 5);

    /// <summary><c>--quick</c>, for tests and CI: every figure is there, none is worth quoting (a few seconds in all).</summary>
    public static BenchBudget Quick { get; } = new(TimeSpan.FromMilliseconds(20), 20, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(10), 3);
}
