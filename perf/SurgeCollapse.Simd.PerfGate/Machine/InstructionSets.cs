using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace SurgeCollapse.Simd.PerfGate.Machine;

/// <summary>
/// The instruction sets that change which code path the engine runs, in one canonical spelling, read either from
/// BenchmarkDotNet's <c>HardwareIntrinsics</c> string or from this process's <c>IsSupported</c> flags.
/// </summary>
/// <remarks>
/// Only sets that select a kernel width or a fused instruction count: BMI, POPCNT or AES never change the engine's
/// speed, and listing them would split machines that run identical code. Both sources report what the JIT
/// enables, so a run with <c>DOTNET_EnableAVX512=0</c> has a different fingerprint from one without — as it
/// should, since it runs the 256-bit path.
/// </remarks>
internal static class InstructionSets
{
    /// <summary>The sets a fingerprint records, widest first.</summary>
    public static readonly IReadOnlyList<string> Tracked =
        ["AVX10v1", "AVX512F", "AVX512BW", "AVX512CD", "AVX512DQ", "AVX512VL", "AVX512VBMI", "AVX2", "FMA", "AVX", "SSE4.2", "AdvSimd"];

    /// <summary>
    /// Parses BenchmarkDotNet's string, e.g. <c>AVX512 F+BW+CD+DQ+VL,AVX2+BMI1+BMI2+F16C+FMA+LZCNT+MOVBE,AVX,… VectorSize=256</c>:
    /// groups are separated by commas, members by '+', and an <c>AVX512 </c> prefix applies to every member of its group.
    /// </summary>
    public static IReadOnlyList<string> ParseBenchmarkDotNet(string hardwareIntrinsics)
    {
        ArgumentNullException.ThrowIfNull(hardwareIntrinsics);
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string rawGroup in hardwareIntrinsics.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string group = rawGroup;
            int vectorSize = group.IndexOf(" VectorSize", StringComparison.Ordinal);
            if (vectorSize >= 0)
                group = group[..vectorSize];
            string prefix = "";
            if (group.StartsWith("AVX512 ", StringComparison.Ordinal))
            {
                prefix = "AVX512";
                group = group["AVX512 ".Length..];
            }

            foreach (string member in group.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                found.Add(prefix + member);
        }

        return [.. Tracked.Where(found.Contains)];
    }

    /// <summary>The tracked sets this process's JIT enables.</summary>
    public static IReadOnlyList<string> OfThisProcess()
    {
        var supported = new Dictionary<string, bool>(StringComparer.Ordinal)
        {
            ["AVX10v1"] = Avx10v1.IsSupported,
            ["AVX512F"] = Avx512F.IsSupported,
            ["AVX512BW"] = Avx512BW.IsSupported,
            ["AVX512CD"] = Avx512CD.IsSupported,
            ["AVX512DQ"] = Avx512DQ.IsSupported,
            ["AVX512VL"] = Avx512F.VL.IsSupported,
            ["AVX512VBMI"] = Avx512Vbmi.IsSupported,
            ["AVX2"] = Avx2.IsSupported,
            ["FMA"] = Fma.IsSupported,
            ["AVX"] = Avx.IsSupported,
            ["SSE4.2"] = Sse42.IsSupported,
            ["AdvSimd"] = AdvSimd.IsSupported,
        };
        return [.. Tracked.Where(name => supported[name])];
    }
}
