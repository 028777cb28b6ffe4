using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SurgeCollapse.Simd.PerfGate.Machine;

/// <summary>The fingerprint of the machine this tool runs on, computed the way BenchmarkDotNet records it.</summary>
internal static class ThisMachine
{
    /// <summary>CPU model, the JIT's instruction sets, <see cref="Environment.ProcessorCount"/>, OS family, architecture.</summary>
    public static MachineFingerprint Fingerprint() => new(
        MachineFingerprint.NormalizeCpuModel(ReadCpuModel()),
        InstructionSets.OfThisProcess(),
        Environment.ProcessorCount,
        OperatingSystem.IsWindows() ? "Windows" : OperatingSystem.IsMacOS() ? "macOS" : OperatingSystem.IsLinux() ? "Linux" : RuntimeInformation.OSDescription,
        RuntimeInformation.ProcessArchitecture.ToString());

    private static string ReadCpuModel()
    {
        if (OperatingSystem.IsLinux() && File.Exists("/proc/cpuinfo"))
        {
            foreach (string line in File.ReadLines("/proc/cpuinfo"))
            {
                // x64 kernels say "model name", some Arm64 ones only "CPU part"; the first processor is enough.
                if (line.StartsWith("model name", StringComparison.Ordinal) || line.StartsWith("Model", StringComparison.Ordinal))
                    return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }

        if (OperatingSystem.IsWindows())
        {
            using var key = Microsoft.Win32.Registry.LocalMachine.OpenSubKey(@"HARDWARE\DESCRIPTION\System\CentralProcessor\0");
            if (key?.GetValue("ProcessorNameString") is string name)
                return name;
        }

        if (OperatingSystem.IsMacOS())
            return RunSysctl("machdep.cpu.brand_string") ?? "unknown cpu";

        return "unknown cpu";
    }

    private static string? RunSysctl(string name)
    {
        var start = new ProcessStartInfo("sysctl", ["-n", name]) { RedirectStandardOutput = true };
        using Process? process = Process.Start(start);
        if (process is null)
            return null;
        string output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return output.Length == 0 ? null : output;
    }
}
