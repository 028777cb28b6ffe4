using SurgeCollapse.Simd.PerfGate.Comparison;
using SurgeCollapse.Simd.PerfGate.Machine;
using SurgeCollapse.Simd.PerfGate.Results;
using Xunit;

namespace SurgeCollapse.Simd.PerfGate.Tests.Comparison;

public class RegressionGateTests
{
    private const string Step = "Suite.TrainingStepBenchmarks.StepWithAdam";
    private static readonly GateThresholds Defaults = new(); // 5 %, 50 ns, p < 0.05

    private static BenchmarkComparison Single(BenchmarkRun baseline, BenchmarkRun current) =>
        Assert.Single(RegressionGate.Compare(baseline, current, Defaults).Comparisons);

    [Fact]
    public void Identical_samples_are_the_same()
    {
        BenchmarkComparison c = Single(Samples.Run(Samples.Benchmark(Step, 170_000)), Samples.Run(Samples.Benchmark(Step, 170_000)));

        Assert.Equal(TimeVerdict.Same, c.Time);
        Assert.False(c.IsRegression);
    }

    [Fact]
    public void A_clear_twenty_percent_slowdown_is_a_regression()
    {
        GateReport report = RegressionGate.Compare(
            Samples.Run(Samples.Benchmark(Step, 170_000)), Samples.Run(Samples.Benchmark(Step, 204_000)), Defaults);

        BenchmarkComparison c = Assert.Single(report.Comparisons);
        Assert.Equal(TimeVerdict.Slower, c.Time);
        Assert.Equal(0.20, c.RelativeChange, 1e-9); // the samples are scaled copies, so the medians scale exactly
        Assert.True(c.PValue < 1e-6);
        Assert.True(report.HasRegression);
    }

    [Fact]
    public void A_three_percent_slowdown_under_a_five_percent_threshold_is_not()
    {
        BenchmarkComparison c = Single(Samples.Run(Samples.Benchmark(Step, 170_000)), Samples.Run(Samples.Benchmark(Step, 175_100)));

        Assert.True(c.PValue < 0.05); // significant (the ±1 % spreads do not overlap) …
        Assert.Equal(TimeVerdict.Same, c.Time); // … but smaller than the threshold
    }

    [Fact]
    public void A_large_relative_slowdown_below_the_noise_floor_is_not()
    {
        // 20 ns → 30 ns: +50 % and significant, but 10 ns is under the 50 ns floor.
        BenchmarkComparison c = Single(Samples.Run(Samples.Benchmark(Step, 20)), Samples.Run(Samples.Benchmark(Step, 30)));

        Assert.Equal(TimeVerdict.Same, c.Time);
    }

    [Fact]
    public void A_large_shift_without_significance_is_not()
    {
        // Three iterations a side can never give p < 0.05 (smallest two-sided p = 0.1): the note says so.
        var baseline = new BenchmarkMeasurements(Step, [100_000, 101_000, 102_000], 0);
        var current = new BenchmarkMeasurements(Step, [150_000, 151_000, 152_000], 0);

        BenchmarkComparison c = Single(Samples.Run(baseline), Samples.Run(current));

        Assert.Equal(TimeVerdict.Same, c.Time);
        Assert.Equal(0.1, c.PValue, 1e-12);
        Assert.Contains("can never reach", c.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clear_speedup_is_reported_as_faster_and_passes()
    {
        GateReport report = RegressionGate.Compare(
            Samples.Run(Samples.Benchmark(Step, 170_000)), Samples.Run(Samples.Benchmark(Step, 120_000)), Defaults);

        Assert.Equal(TimeVerdict.Faster, Assert.Single(report.Comparisons).Time);
        Assert.False(report.HasRegression);
    }

    [Fact]
    public void Any_allocation_increase_fails_even_when_time_is_the_same()
    {
        GateReport report = RegressionGate.Compare(
            Samples.Run(Samples.Benchmark(Step, 170_000, allocated: 0)), Samples.Run(Samples.Benchmark(Step, 170_000, allocated: 1)), Defaults);

        BenchmarkComparison c = Assert.Single(report.Comparisons);
        Assert.Equal(TimeVerdict.Same, c.Time);
        Assert.Equal(AllocationVerdict.More, c.Allocation);
        Assert.True(report.HasRegression);
    }

    [Fact]
    public void Fewer_or_unknown_allocations_pass()
    {
        Assert.Equal(AllocationVerdict.Less,
            Single(Samples.Run(Samples.Benchmark(Step, 1000, allocated: 64)), Samples.Run(Samples.Benchmark(Step, 1000, allocated: 0))).Allocation);
        Assert.Equal(AllocationVerdict.Unknown,
            Single(Samples.Run(Samples.Benchmark(Step, 1000, allocated: null)), Samples.Run(Samples.Benchmark(Step, 1000, allocated: 8))).Allocation);
    }

    [Fact]
    public void Benchmarks_on_one_side_only_are_reported_not_failed()
    {
        BenchmarkRun baseline = Samples.Run(Samples.Benchmark("Suite.A.Removed", 1000), Samples.Benchmark(Step, 1000));
        BenchmarkRun current = Samples.Run(Samples.Benchmark(Step, 1000), Samples.Benchmark("Suite.B.Added", 2000));

        GateReport report = RegressionGate.Compare(baseline, current, Defaults);

        Assert.Equal(["Suite.A.Removed", "Suite.B.Added", Step], report.Comparisons.Select(c => c.FullName));
        Assert.Equal(TimeVerdict.OnlyInBaseline, report.Comparisons[0].Time);
        Assert.Equal(TimeVerdict.OnlyInCurrent, report.Comparisons[1].Time);
        Assert.Equal(2000, report.Comparisons[1].CurrentMedianNs, 1e-9);
        Assert.False(report.HasRegression);
    }

    [Fact]
    public void Results_from_different_machines_are_refused()
    {
        MachineFingerprint avx2Only = Samples.Machine with { InstructionSets = ["AVX2", "FMA", "AVX", "SSE4.2"] };

        var e = Assert.Throws<FingerprintMismatchException>(() => RegressionGate.Compare(
            Samples.Run(Samples.Benchmark(Step, 1000)), Samples.RunOn(avx2Only, Samples.Benchmark(Step, 1000)), Defaults));

        Assert.Contains("instruction sets", e.Message, StringComparison.Ordinal);
        Assert.Contains(avx2Only.Slug(), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Thresholds_out_of_range_name_the_option()
    {
        var e = Assert.Throws<GateInputException>(() => new GateThresholds(NoiseFloorNs: -1).Validate());
        Assert.Contains("--noise-floor-ns", e.Message, StringComparison.Ordinal);
    }
}
