using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using System.Text.Json;
using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Cli.Benchmarking;

/// <summary>
/// What the figures depend on besides the code (DESIGN §21): the CPU, what the hardware offers, and what this process
/// runs with — the instruction sets the JIT or the NativeAOT compiler enabled and the vector widths the kernels use.
/// </summary>
internal static class MachineDescription
{
    /// <summary>Writes the <c>machine</c> object.</summary>
    public static void Write(Utf8JsonWriter json)
    {
        json.WriteStartObject("machine");
        (string model, string[] flags) = ReadCpuInfo();
        json.WriteString("cpu_model", model);
        if (flags.Length > 0)
        {
            // What the hardware offers: a NativeAOT binary built for x86-64-v3 does not use AVX-512 even where it is listed here.
            json.WriteStartArray("cpu_simd_flags");
            foreach (string flag in flags)
                json.WriteStringValue(flag);
            json.WriteEndArray();
        }

        json.WriteNumber("cores", Environment.ProcessorCount);
        json.WriteString("os", RuntimeInformation.OSDescription);
        json.WriteString("architecture", RuntimeInformation.ProcessArchitecture.ToString());
        json.WriteString("runtime", RuntimeInformation.FrameworkDescription);
        json.WriteString("jit_or_aot", SimdCapabilities.IsNativeAot ? "NativeAOT" : "JIT");

        // What this process runs with (DOTNET_EnableAVX512=0 and the like, or the NativeAOT instruction set, turn these off).
        json.WriteStartObject("instruction_sets");
        json.WriteBoolean("sse4_2", Sse42.IsSupported);
        json.WriteBoolean("avx", Avx.IsSupported);
        json.WriteBoolean("avx2", Avx2.IsSupported);
        json.WriteBoolean("fma", Fma.IsSupported);
        json.WriteBoolean("avx512f", Avx512F.IsSupported);
        json.WriteBoolean("avx512bw", Avx512BW.IsSupported);
        json.WriteBoolean("avx512cd", Avx512CD.IsSupported);
        json.WriteBoolean("avx512dq", Avx512DQ.IsSupported);
        json.WriteBoolean("avx512vbmi", Avx512Vbmi.IsSupported);
        json.WriteBoolean("advsimd", AdvSimd.IsSupported);
        json.WriteEndObject();

        json.WriteStartObject("vector_widths");
        json.WriteString("widest", SimdCapabilities.Widest.ToString());
        json.WriteNumber("vector_t_bits", Vector<float>.Count * 32);
        json.WriteBoolean("vector512", Vector512.IsHardwareAccelerated);
        json.WriteBoolean("vector256", Vector256.IsHardwareAccelerated);
        json.WriteBoolean("vector128", Vector128.IsHardwareAccelerated);
        json.WriteEndObject();
        json.WriteString("simd", SimdCapabilities.Describe());
        json.WriteEndObject();
    }

    /// <summary>
    /// The first processor's model name from /proc/cpuinfo, with its family and model numbers (hypervisors often report
    /// only "AMD EPYC"; the family tells Zen 3 (25) from Zen 5 (26)), and its SIMD flags; elsewhere, what the runtime knows.
    /// </summary>
    private static (string Model, string[] SimdFlags) ReadCpuInfo()
    {
        const string cpuInfo = "/proc/cpuinfo";
        string fallback = Environment.GetEnvironmentVariable("PROCESSOR_IDENTIFIER") ?? RuntimeInformation.ProcessArchitecture.ToString();
        if (!File.Exists(cpuInfo))
            return (fallback, []);

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(cpuInfo))
        {
            if (line.Length == 0)
                break; // the first processor is enough
            string[] pair = line.Split(':', 2, StringSplitOptions.TrimEntries);
            if (pair.Length == 2)
                fields.TryAdd(pair[0], pair[1]);
        }

        string model = fields.GetValueOrDefault("model name") ?? fields.GetValueOrDefault("Hardware") ?? fallback;
        if (fields.TryGetValue("cpu family", out string? family))
            model = $"{model} (family {family}, model {fields.GetValueOrDefault("model")})";
        string flags = fields.GetValueOrDefault("flags") ?? fields.GetValueOrDefault("Features") ?? "";
        string[] simd = [.. flags.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(flag => flag.StartsWith("avx", StringComparison.Ordinal) || flag is "fma" or "sse4_2" or "f16c" or "asimd" or "sve")
            .Order(StringComparer.Ordinal)];
        return (model, simd);
    }
}
