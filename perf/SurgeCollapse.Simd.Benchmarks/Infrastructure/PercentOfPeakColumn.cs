using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Simd.Benchmarks.Infrastructure;

/// <summary>
/// GFLOPS as a percentage of the FMA peak of the same width. BenchmarkDotNet gives a column only its own
/// summary, so the value appears when FmaPeakBenchmarks ran in the same summary (<c>--join</c>); otherwise
/// Program.cs prints the same fraction after the run, from all the summaries together.
/// </summary>
public sealed class PercentOfPeakColumn : IColumn
{
    /// <inheritdoc/>
    public string Id => "SurgeCollapse.PercentOfPeak";

    /// <inheritdoc/>
    public string ColumnName => "%FmaPeak";

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => 1;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => "GFLOPS as a percentage of FmaPeakBenchmarks' GFLOPS for the same vector width in the same summary (needs --join)";

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        SimdWidth width = Throughput.WidthOf(benchmarkCase);
        if (width == SimdWidth.Scalar || Throughput.Gflops(summary[benchmarkCase]) is not { } gflops)
            return "-";
        return Throughput.PeakGflops(summary.Reports, width, benchmarkCase.Job.Id) is { } peak
            ? (100 * gflops / peak).ToString("F1", CultureInfo.InvariantCulture) + "%"
            : "-";
    }

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary.BenchmarksCases.Any(c => Throughput.FlopsPerOperation(c) is not null);
    }

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc/>
    public override string ToString() => ColumnName;
}
