using System.Globalization;
using SurgeCollapse.Simd;
using SurgeCollapse.Simd.Dynamics;

namespace SurgeCollapse.Cli.Experiment;

/// <summary>
/// What a checkpoint says about the run that wrote it, beyond what the engine restores: the data, its seed and σ.
/// A resumed run must be the same run, so these are checked before anything is loaded.
/// </summary>
internal static class RunMetadata
{
    public static Dictionary<string, string> Of(string data, DynamicsPolicy policy, double sigma, ulong seed) => new()
    {
        ["surge.data"] = data,
        ["surge.policy"] = policy.ToString().ToLowerInvariant(),
        ["surge.noise"] = sigma.ToString("R", CultureInfo.InvariantCulture),
        ["surge.seed"] = seed.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Throws unless the checkpoint at <paramref name="path"/> was written by a run with these settings.</summary>
    /// <exception cref="UserInputException">A setting differs or is missing; the message names it, the checkpoint's value and this run's.</exception>
    public static void CheckSame(string path, IReadOnlyDictionary<string, string> saved, IReadOnlyDictionary<string, string> expected)
    {
        foreach ((string key, string value) in expected)
        {
            string flag = "--" + key["surge.".Length..];
            if (!saved.TryGetValue(key, out string? got))
                throw new UserInputException($"--resume {path}: the checkpoint does not say its {flag} (metadata '{key}'); it was not written by 'surge train'");
            if (got != value)
                throw new UserInputException($"--resume {path}: the checkpoint's run has {flag} {got}, this run {value}; resume with the same settings");
        }
    }
}
