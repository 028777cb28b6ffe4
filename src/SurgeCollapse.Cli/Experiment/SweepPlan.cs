using System.Globalization;
using SurgeCollapse.Simd;
using SurgeCollapse.Simd.Dynamics;

namespace SurgeCollapse.Cli.Experiment;

/// <summary>
/// The arms of a sweep in a fixed order (noise, then policy, then seed), and the share of them one shard runs:
/// shard i of n takes every n-th arm starting at the i-th, so shards are balanced and together run each arm once.
/// </summary>
internal static class SweepPlan
{
    /// <summary>Every arm of the grid, in the fixed order.</summary>
    public static IReadOnlyList<ArmSpec> Arms(IReadOnlyList<double> sigmas, IReadOnlyList<DynamicsPolicy> policies, IReadOnlyList<ulong> seeds) =>
        [.. from sigma in sigmas from policy in policies from seed in seeds select new ArmSpec(policy, sigma, seed)];

    /// <summary>The arms of shard <paramref name="index"/> (1-based) of <paramref name="count"/>.</summary>
    public static IReadOnlyList<ArmSpec> Shard(IReadOnlyList<ArmSpec> arms, int index, int count) =>
        [.. arms.Where((_, position) => position % count == index - 1)];

    /// <summary>Parses <c>i/n</c> with 1 ≤ i ≤ n.</summary>
    /// <exception cref="UserInputException">The text is not of that form.</exception>
    public static (int Index, int Count) ParseShard(string text)
    {
        string[] parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            && count >= 1 && index >= 1 && index <= count)
            return (index, count);
        throw new UserInputException($"--shard: expected i/n with 1 ≤ i ≤ n, such as 1/4, got '{text}'");
    }
}
