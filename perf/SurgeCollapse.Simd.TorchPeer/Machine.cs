using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using SurgeCollapse.Simd.Kernels;
using TorchSharp;

namespace SurgeCollapse.Simd.TorchPeer;

/// <summary>What the figures depend on besides the code: the CPU and its SIMD flags, what this process runs with, both engines' versions and threads.</summary>
internal static class Machine
{
    private static readonly string[] s_environment =
        ["OMP_NUM_THREADS", "MKL_NUM_THREADS", "ATEN_CPU_CAPABILITY", "DOTNET_EnableAVX512", "DOTNET_PreferredVectorBitWidth", "DOTNET_TieredCompilation", "DOTNET_TieredPGO"];

    public static string Describe()
    {
        (string model, string flags) = CpuInfo();
        var text = new StringBuilder();
        text.AppendLine($"CPU: {model}, {Environment.ProcessorCount} cores; SIMD flags: {flags}");
        text.AppendLine($"OS: {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}");
        text.AppendLine($"engine: {SimdCapabilities.Describe()}; Gemm.MaxThreads={Gemm.MaxThreads}");
        text.AppendLine($"libtorch: {Metadata("LibTorchVersion")} via TorchSharp {Metadata("TorchSharpVersion")}; " +
            $"torch.get_num_threads()={torch.get_num_threads()}, get_num_interop_threads()={torch.get_num_interop_threads()}");
        string set = string.Join(", ", s_environment.Where(v => Environment.GetEnvironmentVariable(v) is not null)
            .Select(v => $"{v}={Environment.GetEnvironmentVariable(v)}"));
        text.AppendLine($"environment: {(set.Length > 0 ? set : "none of " + string.Join(", ", s_environment))}");
        text.Append($"load average at start: {LoadAverage()} (other work on the machine makes the figures noisy)");
        return text.ToString();
    }

    public static void Write(Utf8JsonWriter json)
    {
        (string model, string flags) = CpuInfo();
        json.WriteStartObject("machine");
        json.WriteString("date_utc", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture));
        json.WriteString("load_average_at_start", LoadAverage());
        json.WriteString("cpu_model", model);
        json.WriteString("cpu_simd_flags", flags);
        json.WriteNumber("cores", Environment.ProcessorCount);
        json.WriteString("os", RuntimeInformation.OSDescription);
        json.WriteString("runtime", RuntimeInformation.FrameworkDescription);
        json.WriteString("engine_simd", SimdCapabilities.Describe());
        json.WriteNumber("engine_gemm_max_threads", Gemm.MaxThreads);
        json.WriteString("libtorch", Metadata("LibTorchVersion"));
        json.WriteString("torchsharp", Metadata("TorchSharpVersion"));
        json.WriteNumber("torch_num_threads", torch.get_num_threads());
        json.WriteNumber("torch_num_interop_threads", torch.get_num_interop_threads());
        json.WriteEndObject();
    }

    /// <summary>The 1, 5 and 15-minute load averages when the run started (read once).</summary>
    private static string LoadAverage() => s_loadAverage.Value;

    private static readonly Lazy<string> s_loadAverage = new(() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?");

    private static string Metadata(string key) =>
        typeof(Machine).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value ?? "?";

    /// <summary>The first processor's model name with its family and model numbers (hypervisors often say only "AMD EPYC"), and its SIMD flags.</summary>
    private static (string Model, string SimdFlags) CpuInfo()
    {
        const string path = "/proc/cpuinfo";
        if (!File.Exists(path))
            return (RuntimeInformation.ProcessArchitecture.ToString(), "");
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length == 0)
                break;
            string[] pair = line.Split(':', 2, StringSplitOptions.TrimEntries);
            if (pair.Length == 2)
                fields.TryAdd(pair[0], pair[1]);
        }

        string model = fields.GetValueOrDefault("model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        if (fields.TryGetValue("cpu family", out string? family))
            model = $"{model} (family {family}, model {fields.GetValueOrDefault("model")})";
        string simd = string.Join(' ', (fields.GetValueOrDefault("flags") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(f => f.StartsWith("avx", StringComparison.Ordinal) || f is "fma" or "f16c").Order(StringComparer.Ordinal));
        return (model, simd);
    }
}
