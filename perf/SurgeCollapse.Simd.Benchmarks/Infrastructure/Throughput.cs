using System.Reflection;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using SurgeCollapse.Simd.Benchmarks.Kernels;
using SurgeCollapse.Simd.Benchmarks.Model;
using SurgeCollapse.Simd.Benchmarks.Training;
using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Simd.Benchmarks.Infrastructure;

/// <summary>
/// Floating-point work per benchmark operation, and the FMA peak it is compared with: the peak of the same
/// vector width, measured by <see cref="FmaPeakBenchmarks"/> in the same run (NOTES.md: quote speed as a fraction
/// of the peak measured in the same run, because the machines differ from day to day).
/// </summary>
internal static class Throughput
{
    /// <summary>Floating-point operations in one benchmark operation, or null when the class does not count them.</summary>
    public static double? FlopsPerOperation(BenchmarkCase benchmarkCase)
    {
        Type type = benchmarkCase.Descriptor.Type;
        if (type == typeof(FmaPeakBenchmarks))
            return FmaPeakBenchmarks.FlopsPerOperation(WidthOf(benchmarkCase));
        if (type == typeof(GemmBenchmarks))
            return GemmBenchmarks.FlopsPerOperation(benchmarkCase);
        if (type == typeof(PredictBenchmarks))
            return PredictBenchmarks.FlopsPerOperation(benchmarkCase);
        if (type == typeof(TrainingStepBenchmarks))
            return TrainingStepBenchmarks.FlopsPerOperation();
        return null;
    }

    /// <summary>The width a benchmark runs with: its <see cref="VectorWidthAttribute"/>, else the widest accelerated one.</summary>
    public static SimdWidth WidthOf(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<VectorWidthAttribute>()?.Width ?? SimdCapabilities.Widest;

    /// <summary>Billions of floating-point operations per second (flops per nanosecond) of a finished benchmark.</summary>
    public static double? Gflops(BenchmarkReport? report)
    {
        if (report?.ResultStatistics is not { } statistics || statistics.Mean <= 0)
            return null;
        return FlopsPerOperation(report.BenchmarkCase) / statistics.Mean; // Mean is in ns per operation
    }

    /// <summary>The FMA peak (GFLOPS) of <paramref name="width"/> among <paramref name="reports"/>, preferring the same job.</summary>
    public static double? PeakGflops(IEnumerable<BenchmarkReport> reports, SimdWidth width, string? jobId)
    {
        double? peak = null;
        foreach (BenchmarkReport report in reports)
        {
            if (report.BenchmarkCase.Descriptor.Type != typeof(FmaPeakBenchmarks) || WidthOf(report.BenchmarkCase) != width)
                continue;
            if (Gflops(report) is not { } gflops)
                continue;
            if (report.BenchmarkCase.Job.Id == jobId)
                return gflops;
            peak ??= gflops;
        }

        return peak;
    }
}
