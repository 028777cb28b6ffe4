using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SurgeCollapse.Simd.PerfGate.Machine;

/// <summary>
/// What a timing depends on besides the code: the CPU model, the instruction sets the JIT enables, the number of
/// logical processors, the OS family and the architecture. Two results are comparable only when these are equal.
/// </summary>
/// <param name="CpuModel">The CPU model, normalised (<see cref="NormalizeCpuModel"/>).</param>
/// <param name="InstructionSets">The tracked instruction sets, in <see cref="Machine.InstructionSets.Tracked"/> order.</param>
/// <param name="LogicalCores">Logical processors.</param>
/// <param name="OsFamily"><c>Linux</c>, <c>Windows</c> or <c>macOS</c> (the distribution and version are not part
/// of it: a runner image's point release would otherwise orphan every baseline).</param>
/// <param name="Architecture"><c>X64</c> or <c>Arm64</c>.</param>
internal sealed partial record MachineFingerprint(
    string CpuModel, IReadOnlyList<string> InstructionSets, int LogicalCores, string OsFamily, string Architecture)
{
    /// <summary>One line for people: <c>amd epyc | AVX512F AVX2 FMA … | 2 cores | Linux X64</c>.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{CpuModel} | {string.Join(' ', InstructionSets)} | {LogicalCores} logical cores | {OsFamily} {Architecture}");

    /// <summary>
    /// The directory name of this machine's baseline: readable parts plus a hash of everything, e.g.
    /// <c>amd-epyc-x64-linux-2c-avx512f-1a2b3c4d</c>.
    /// </summary>
    public string Slug()
    {
        string widest = InstructionSets.Count > 0 ? InstructionSets[0] : "scalar";
        string readable = string.Create(CultureInfo.InvariantCulture,
            $"{CpuModel}-{Architecture}-{OsFamily}-{LogicalCores}c-{widest}").ToLowerInvariant();
        readable = NotSlugCharacters().Replace(readable, "-").Trim('-');
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(Describe()));
        return $"{readable}-{Convert.ToHexStringLower(hash, 0, 4)}";
    }

    /// <summary>The fields that differ from <paramref name="other"/>, each as "name: this vs other".</summary>
    public IReadOnlyList<string> DifferencesFrom(MachineFingerprint other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var differences = new List<string>();
        if (CpuModel != other.CpuModel)
            differences.Add($"CPU model: '{CpuModel}' vs '{other.CpuModel}'");
        if (!InstructionSets.SequenceEqual(other.InstructionSets))
            differences.Add($"instruction sets: '{string.Join(' ', InstructionSets)}' vs '{string.Join(' ', other.InstructionSets)}'");
        if (LogicalCores != other.LogicalCores)
            differences.Add(string.Create(CultureInfo.InvariantCulture, $"logical cores: {LogicalCores} vs {other.LogicalCores}"));
        if (OsFamily != other.OsFamily)
            differences.Add($"OS: {OsFamily} vs {other.OsFamily}");
        if (Architecture != other.Architecture)
            differences.Add($"architecture: {Architecture} vs {other.Architecture}");
        return differences;
    }

    /// <summary>Record equality compares the list by reference; fingerprints compare by content.</summary>
    public bool Equals(MachineFingerprint? other) => other is not null && DifferencesFrom(other).Count == 0;

    /// <inheritdoc />
    public override int GetHashCode() => Describe().GetHashCode(StringComparison.Ordinal);

    /// <summary>
    /// Lower case without trademarks, "CPU", "Processor", the clock and BenchmarkDotNet's microarchitecture note, so
    /// that <c>Intel(R) Core(TM) i5-8500 CPU @ 3.00GHz</c> (/proc/cpuinfo) and <c>Intel Core i5-8500 CPU 3.00GHz
    /// (Coffee Lake)</c> (BenchmarkDotNet) are the same model.
    /// </summary>
    public static string NormalizeCpuModel(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        string text = model.ToLowerInvariant();
        text = Parenthesised().Replace(text, " ");
        text = Clock().Replace(text, " ");
        text = NoiseWords().Replace(text, " ");
        text = text.Replace('@', ' ');
        string normalized = string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return normalized.Length == 0 ? "unknown cpu" : normalized;
    }

    /// <summary>The OS family from BenchmarkDotNet's <c>OsVersion</c> ("Linux Debian GNU/Linux 12 (bookworm)").</summary>
    public static string OsFamilyOf(string osVersion)
    {
        ArgumentNullException.ThrowIfNull(osVersion);
        if (osVersion.StartsWith("Windows", StringComparison.OrdinalIgnoreCase))
            return "Windows";
        if (osVersion.StartsWith("macOS", StringComparison.OrdinalIgnoreCase) || osVersion.Contains("Darwin", StringComparison.OrdinalIgnoreCase))
            return "macOS";
        if (osVersion.StartsWith("Linux", StringComparison.OrdinalIgnoreCase))
            return "Linux";
        string first = osVersion.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "unknown";
        return first;
    }

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Parenthesised();

    [GeneratedRegex(@"\d+(\.\d+)?\s*[gm]hz")]
    private static partial Regex Clock();

    [GeneratedRegex(@"\b(cpu|processor)\b")]
    private static partial Regex NoiseWords();

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NotSlugCharacters();
}
