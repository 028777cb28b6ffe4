using SurgeCollapse.Simd.Kernels;
using Xunit;
using Xunit.Abstractions;

namespace SurgeCollapse.Simd.Tests.Kernels;

public sealed class SimdCapabilitiesTests(ITestOutputHelper output)
{
    [Fact]
    public void Widest_path_matches_the_runtime_switches_and_is_logged()
    {
        // Printed on every run so that CI's three passes (widest, DOTNET_EnableAVX512=0,
        // DOTNET_EnableHWIntrinsic=0) show which path each one really exercised.
        string description = SimdCapabilities.Describe();
        output.WriteLine(description);
        Console.WriteLine($"[simd] {description}");

        SimdWidth expected = Environment.GetEnvironmentVariable("DOTNET_EnableHWIntrinsic") == "0"
            ? SimdWidth.Scalar
            : SimdCapabilities.Widest;
        Assert.Equal(expected, SimdCapabilities.Widest);
        if (Environment.GetEnvironmentVariable("DOTNET_EnableAVX512") == "0")
            Assert.NotEqual(SimdWidth.Vector512, SimdCapabilities.Widest);
    }
}
