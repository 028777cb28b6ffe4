using SurgeCollapse.Simd.PerfGate.Machine;
using Xunit;

namespace SurgeCollapse.Simd.PerfGate.Tests.Machine;

public class InstructionSetsTests
{
    [Fact]
    public void Parses_BenchmarkDotNet_groups_and_the_AVX512_prefix()
    {
        // Verbatim from a BenchmarkDotNet 0.15.8 report of this project's AVX-512 EPYC.
        const string intrinsics = "AVX512 BITALG+VBMI2+VNNI+VPOPCNTDQ,AVX512 IFMA+VBMI,AVX512 F+BW+CD+DQ+VL,"
            + "AVX2+BMI1+BMI2+F16C+FMA+LZCNT+MOVBE,AVX,SSE3+SSSE3+SSE4.1+SSE4.2+POPCNT,X86Base+SSE+SSE2,AES+PCLMUL,AvxVnni VectorSize=256";

        Assert.Equal(["AVX512F", "AVX512BW", "AVX512CD", "AVX512DQ", "AVX512VL", "AVX512VBMI", "AVX2", "FMA", "AVX", "SSE4.2"],
            InstructionSets.ParseBenchmarkDotNet(intrinsics));
    }

    [Fact]
    public void An_AVX2_machine_and_an_Arm_machine_keep_only_their_sets()
    {
        Assert.Equal(["AVX2", "FMA", "AVX", "SSE4.2"], InstructionSets.ParseBenchmarkDotNet(
            "AVX2+BMI1+BMI2+F16C+FMA+LZCNT+MOVBE,AVX,SSE3+SSSE3+SSE4.1+SSE4.2+POPCNT,X86Base+SSE+SSE2,AES+PCLMUL VectorSize=256"));
        Assert.Equal(["AdvSimd"], InstructionSets.ParseBenchmarkDotNet("ArmBase+AdvSimd,Aes+Crc32+Dp+Rdm+Sha1+Sha256 VectorSize=128"));
    }

    [Fact]
    public void This_process_reports_a_subset_of_the_tracked_sets_in_order()
    {
        IReadOnlyList<string> sets = InstructionSets.OfThisProcess();

        Assert.Equal(InstructionSets.Tracked.Where(sets.Contains), sets);
    }
}
