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
    /// <summary>The metadata of a run; <paramref name="options"/> spells every other option that shapes it, for the resume check.</summary>
    public static Dictionary<string, string> Of(string data, DynamicsPolicy policy, double sigma, ulong seed, string options) => new()
    {
        ["surge.data"] = data,
        ["surge.policy"] = policy.ToString().ToLowerInvariant(),
        ["surge.noise"] = sigma.ToString("R", CultureInfo.InvariantCulture),
        ["surge.seed"] = seed.ToString(CultureInfo.InvariantCulture),
        [OptionsKey] = options,
    };

    private const string OptionsKey = "surge.options";

    /// <summary>Throws unless the checkpoint at <paramref name="path"/> was written by a run with these settings.</summary>
    /// <exception cref="UserInputException">A setting differs or is missing; the message names it, the checkpoint's value and this run's.</exception>
    public static void CheckSame(string path, IReadOnlyDictionary<string, string> saved, IReadOnlyDictionary<string, string> expected)
    {
        foreach ((string key, string value) in expected)
        {
            string flag = key == OptionsKey ? "options" : "--" + key["surge.".Length..];
            if (!saved.TryGetValue(key, out string? got))
                throw new UserInputException($"--resume {path}: the checkpoint does not say its {flag} (metadata '{key}'); it was not written by 'surge train'");
            if (got != value && key == OptionsKey)
                throw new UserInputException(
                    $"--resume {path}: the checkpoint's run was trained with other options; resume with the same ones (they are in its metadata '{OptionsKey}', see surge inspect)");
            if (got != value)
                throw new UserInputException($"--resume {path}: the checkpoint's run has {flag} {got}, this run {value}; resume with the same settings");
        }
    }
}
