using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SurgeCollapse.Simd.Kernels;

/// <summary>Which vector widths this process runs with, as decided by the JIT or the NativeAOT compiler.</summary>
public static class SimdCapabilities
{
    /// <summary>The widest hardware-accelerated width; the kernels dispatch on it.</summary>
    /// <remarks>
    /// Dispatch follows <c>Vector512.IsHardwareAccelerated</c> rather than <c>Avx512F.IsSupported</c> so that
    /// <c>DOTNET_PreferredVectorBitWidth=256</c> and <c>DOTNET_EnableAVX512=0</c> are obeyed.
    /// </remarks>
    public static SimdWidth Widest { get; } =
        Vector512.IsHardwareAccelerated ? SimdWidth.Vector512
        : Vector256.IsHardwareAccelerated ? SimdWidth.Vector256
        : Vector128.IsHardwareAccelerated ? SimdWidth.Vector128
        : SimdWidth.Scalar;

    /// <summary>
    /// True in a NativeAOT binary, where nothing is compiled at run time. (RuntimeFeature.IsDynamicCodeSupported is no
    /// test: <c>PublishAot</c> turns it off for <c>dotnet run</c> of the same project too.)
    /// </summary>
    public static bool IsNativeAot => System.Runtime.JitInfo.GetCompiledMethodCount() == 0;

    /// <summary>One line naming the width in use and the instruction sets seen, for logs and reports.</summary>
    public static string Describe() =>
        $"widest={Widest} Vector<float>.Count={System.Numerics.Vector<float>.Count} " +
        $"Vector512={Vector512.IsHardwareAccelerated} Vector256={Vector256.IsHardwareAccelerated} " +
        $"Vector128={Vector128.IsHardwareAccelerated} AVX512F={Avx512F.IsSupported} AVX2={Avx2.IsSupported} " +
        $"FMA={Fma.IsSupported} NativeAOT={IsNativeAot}";
}
