using System.Runtime.InteropServices;
using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Simd.Benchmarks.Infrastructure;

/// <summary>What a result depends on besides the code: the CPU and the SIMD widths the JIT runs with (DESIGN §21).</summary>
internal static class MachineInfo
{
    /// <summary>The CPU model, with the family and model numbers on x86 Linux (hypervisors often report only "AMD EPYC",
    /// and the family tells Zen 3 (25) from Zen 5 (26)).</summary>
    public static string CpuModel { get; } = ReadCpuModel();

    /// <summary>The lines printed at start and written beside the results.</summary>
    public static IEnumerable<string> Describe()
    {
        yield return $"CPU:  {CpuModel}, {Environment.ProcessorCount} logical processors";
        yield return $"SIMD: {SimdCapabilities.Describe()}";
        yield return $".NET: {RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription}";
    }

    private static string ReadCpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (File.Exists(cpuInfo))
        {
            string? name = null, family = null, model = null;
            foreach (string line in File.ReadLines(cpuInfo))
            {
                if (line.Length == 0)
                    break; // the first processor is enough
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon < 0)
                    continue;
                string key = line[..colon].Trim();
                string value = line[(colon + 1)..].Trim();
                switch (key)
                {
                    case "model name": name = value; break;
                    case "cpu family": family = value; break;
                    case "model": model = value; break;
                }
            }

            if (name is not null)
                return family is null ? name : $"{name} (family {family}, model {model})";
        }

        return Environment.GetEnvironmentVariable("PROCESSOR_IDENTIFIER") ?? RuntimeInformation.ProcessArchitecture.ToString();
    }
}
