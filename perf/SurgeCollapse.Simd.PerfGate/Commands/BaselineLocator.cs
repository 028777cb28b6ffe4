using SurgeCollapse.Simd.PerfGate.Machine;
using SurgeCollapse.Simd.PerfGate.Results;

namespace SurgeCollapse.Simd.PerfGate.Commands;

/// <summary>Lets <c>--baseline</c> name either one machine's directory or the root of all of them (<c>perf/baselines</c>).</summary>
internal static class BaselineLocator
{
    /// <summary>The description update-baseline writes beside a machine's reports.</summary>
    public const string FingerprintFile = "fingerprint.json";

    /// <summary>
    /// <paramref name="path"/> itself, or its subdirectory named after <paramref name="current"/>'s slug when it has
    /// one. A root without that subdirectory is an error that says how to create the baseline.
    /// </summary>
    public static string Resolve(string path, MachineFingerprint current)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(current);
        if (!Directory.Exists(path))
            return path;
        string machine = Path.Combine(path, current.Slug());
        if (Directory.Exists(machine))
            return machine;
        // A root of baselines is recognised by its machine directories, each with the fingerprint.json update-baseline writes.
        bool isRoot = Directory.GetDirectories(path).Any(d => File.Exists(Path.Combine(d, FingerprintFile)));
        if (isRoot || Directory.GetFiles(path, ReportFiles.Pattern, SearchOption.AllDirectories).Length == 0)
        {
            throw new GateInputException(
                $"no baseline for this machine under '{path}' (expected '{machine}'): {current.Describe()}. "
                + "Produce one on this machine type first: run the benchmarks, then `update-baseline --current <results>`.");
        }

        return path;
    }
}
