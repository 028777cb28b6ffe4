using System.Globalization;
using SurgeCollapse.Simd.PerfGate.Results;
using SurgeCollapse.Simd.PerfGate.Statistics;

namespace SurgeCollapse.Simd.PerfGate.Comparison;

/// <summary>
/// Compares a run with its baseline benchmark by benchmark. A time change counts only when the Mann–Whitney test
/// rejects "same distribution" AND the median moved by more than the relative threshold AND by more than the noise
/// floor: the test alone flags 1 % shifts of very stable benchmarks, the thresholds alone flag noisy ones.
/// </summary>
internal static class RegressionGate
{
    /// <summary>Compares; throws <see cref="FingerprintMismatchException"/> when the machines differ.</summary>
    public static GateReport Compare(BenchmarkRun baseline, BenchmarkRun current, GateThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(thresholds);
        thresholds.Validate();
        if (!baseline.Fingerprint.Equals(current.Fingerprint))
            throw new FingerprintMismatchException(baseline.Fingerprint, current.Fingerprint);

        var names = new SortedSet<string>(baseline.Benchmarks.Keys, StringComparer.Ordinal);
        names.UnionWith(current.Benchmarks.Keys);
        var comparisons = new List<BenchmarkComparison>(names.Count);
        foreach (string name in names)
        {
            baseline.Benchmarks.TryGetValue(name, out BenchmarkMeasurements? before);
            current.Benchmarks.TryGetValue(name, out BenchmarkMeasurements? after);
            comparisons.Add(CompareOne(name, before, after, thresholds));
        }

        return new GateReport(current.Fingerprint, thresholds, comparisons);
    }

    /// <summary>One benchmark; either side may be missing.</summary>
    public static BenchmarkComparison CompareOne(string name, BenchmarkMeasurements? baseline, BenchmarkMeasurements? current, GateThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        if (baseline is null || current is null)
        {
            BenchmarkMeasurements present = baseline ?? current ?? throw new ArgumentException("both sides are missing", nameof(name));
            double median = present.NanosecondsPerOperation.Count > 0 ? SampleStatistics.Median(present.NanosecondsPerOperation) : double.NaN;
            return new BenchmarkComparison(name,
                baseline is null ? double.NaN : median, current is null ? double.NaN : median, double.NaN,
                baseline is null ? TimeVerdict.OnlyInCurrent : TimeVerdict.OnlyInBaseline,
                baseline?.AllocatedBytesPerOperation, current?.AllocatedBytesPerOperation, AllocationVerdict.Unknown, Note: "");
        }

        AllocationVerdict allocation = CompareAllocation(baseline.AllocatedBytesPerOperation, current.AllocatedBytesPerOperation);
        if (baseline.NanosecondsPerOperation.Count == 0 || current.NanosecondsPerOperation.Count == 0)
        {
            return new BenchmarkComparison(name, double.NaN, double.NaN, double.NaN, TimeVerdict.Same,
                baseline.AllocatedBytesPerOperation, current.AllocatedBytesPerOperation, allocation, "no measurements on one side");
        }

        double baselineMedian = SampleStatistics.Median(baseline.NanosecondsPerOperation);
        double currentMedian = SampleStatistics.Median(current.NanosecondsPerOperation);
        MannWhitneyResult test = MannWhitneyTest.Run(baseline.NanosecondsPerOperation, current.NanosecondsPerOperation);
        double change = currentMedian - baselineMedian;
        bool significant = test.PValue < thresholds.SignificanceLevel;
        bool large = Math.Abs(change) > thresholds.RelativeThreshold * baselineMedian && Math.Abs(change) > thresholds.NoiseFloorNs;
        TimeVerdict time = significant && large ? (change > 0 ? TimeVerdict.Slower : TimeVerdict.Faster) : TimeVerdict.Same;

        string note = "";
        int m = baseline.NanosecondsPerOperation.Count, n = current.NanosecondsPerOperation.Count;
        if (MannWhitneyTest.SmallestPossiblePValue(m, n) >= thresholds.SignificanceLevel)
        {
            note = string.Create(CultureInfo.InvariantCulture,
                $"{m} vs {n} iterations can never reach p < {thresholds.SignificanceLevel}: run more iterations");
        }

        return new BenchmarkComparison(name, baselineMedian, currentMedian, test.PValue, time,
            baseline.AllocatedBytesPerOperation, current.AllocatedBytesPerOperation, allocation, note);
    }

    private static AllocationVerdict CompareAllocation(long? baseline, long? current) => (baseline, current) switch
    {
        (null, _) or (_, null) => AllocationVerdict.Unknown,
        var (b, c) when c > b => AllocationVerdict.More,
        var (b, c) when c < b => AllocationVerdict.Less,
        _ => AllocationVerdict.Same,
    };
}
