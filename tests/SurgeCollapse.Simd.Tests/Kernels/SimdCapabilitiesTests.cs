using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SurgeCollapse.Simd.Kernels;
using Xunit;
using Xunit.Abstractions;

namespace SurgeCollapse.Simd.Tests.Kernels;

public sealed class SimdCapabilitiesTests(ITestOutputHelper output)
{
    /// <summary>
    /// Logs the widths in use, so that CI's four passes (widest, DOTNET_EnableAVX512=0, DOTNET_EnableAVX2=0,
    /// DOTNET_EnableHWIntrinsic=0)
    /// show which path each really exercised, and checks each pass got the path its switches ask for.
    /// </summary>
    [Fact]
    public void Widest_path_matches_the_runtime_switches_and_is_logged()
    {
        string description = SimdCapabilities.Describe();
        output.WriteLine(description);
        Console.WriteLine($"[simd] {description}");

        if (Switch("DOTNET_EnableHWIntrinsic") == "0")
            Assert.Equal(SimdWidth.Scalar, SimdCapabilities.Widest);
        else if (Switch("DOTNET_EnableAVX2") == "0" && Sse.IsSupported)
            Assert.Equal(SimdWidth.Vector128, SimdCapabilities.Widest);
        else if (Switch("DOTNET_EnableAVX512") == "0" && Avx2.IsSupported)
            Assert.Equal(SimdWidth.Vector256, SimdCapabilities.Widest);
        else if (Vector512.IsHardwareAccelerated)
            Assert.Equal(SimdWidth.Vector512, SimdCapabilities.Widest); // the dispatch rule: never Avx512F.IsSupported
        else if (Avx2.IsSupported && Fma.IsSupported)
            Assert.True(SimdCapabilities.Widest >= SimdWidth.Vector256, description);
    }

    private static string? Switch(string name) => Environment.GetEnvironmentVariable(name);
}
