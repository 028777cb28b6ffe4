using SurgeCollapse.Simd.PerfGate.Machine;
using Xunit;

namespace SurgeCollapse.Simd.PerfGate.Tests.Machine;

public class MachineFingerprintTests
{
    [Theory]
    [InlineData("Intel(R) Core(TM) i5-8500 CPU @ 3.00GHz", "intel core i5-8500")] // /proc/cpuinfo
    [InlineData("Intel Core i5-8500 CPU 3.00GHz (Coffee Lake)", "intel core i5-8500")] // BenchmarkDotNet
    [InlineData("AMD EPYC", "amd epyc")]
    [InlineData("AMD Ryzen 9 7950X 16-Core Processor", "amd ryzen 9 7950x 16-core")]
    [InlineData("", "unknown cpu")]
    public void Cpu_models_normalise_to_one_spelling(string raw, string expected) =>
        Assert.Equal(expected, MachineFingerprint.NormalizeCpuModel(raw));

    [Theory]
    [InlineData("Linux Debian GNU/Linux 12 (bookworm)", "Linux")]
    [InlineData("Windows 11 (10.0.22631.4460/23H2/2023Update/SunValley3)", "Windows")]
    [InlineData("macOS Sonoma 14.6.1 (23G93) [Darwin 23.6.0]", "macOS")]
    public void The_OS_family_ignores_the_version(string osVersion, string expected) =>
        Assert.Equal(expected, MachineFingerprint.OsFamilyOf(osVersion));

    [Fact]
    public void Equal_content_is_equal_and_the_slug_is_stable_and_path_safe()
    {
        MachineFingerprint copy = Samples.Machine with { InstructionSets = [.. Samples.Machine.InstructionSets] };

        Assert.Equal(Samples.Machine, copy);
        Assert.Equal(Samples.Machine.Slug(), copy.Slug());
        Assert.StartsWith("amd-epyc-x64-linux-2c-avx512f-", Samples.Machine.Slug(), StringComparison.Ordinal);
        Assert.Matches("^[a-z0-9-]+$", Samples.Machine.Slug());
    }

    [Fact]
    public void Every_field_counts_and_the_differences_name_it()
    {
        MachineFingerprint fourCores = Samples.Machine with { LogicalCores = 4 };

        Assert.NotEqual(Samples.Machine, fourCores);
        Assert.NotEqual(Samples.Machine.Slug(), fourCores.Slug());
        Assert.Equal(["logical cores: 2 vs 4"], Samples.Machine.DifferencesFrom(fourCores));
        Assert.NotEqual(Samples.Machine, Samples.Machine with { CpuModel = "amd epyc 9r14" });
        Assert.NotEqual(Samples.Machine, Samples.Machine with { OsFamily = "Windows" });
        Assert.NotEqual(Samples.Machine, Samples.Machine with { Architecture = "Arm64" });
    }

    [Fact]
    public void This_machine_has_a_fingerprint()
    {
        MachineFingerprint here = ThisMachine.Fingerprint();

        Assert.Equal(Environment.ProcessorCount, here.LogicalCores);
        Assert.NotEmpty(here.CpuModel);
    }
}
