using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;

namespace SurgeCollapse.Simd.Benchmarks.Infrastructure;

/// <summary>The run-wide config: BenchmarkDotNet's defaults plus the full JSON export, the file a baseline keeps
/// (it records the CPU, the runtime and the hardware intrinsics beside every measurement).</summary>
internal static class BenchmarkConfig
{
    public static IConfig Create() => DefaultConfig.Instance.AddExporter(JsonExporter.Full);
}
