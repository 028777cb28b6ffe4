using SurgeCollapse.Simd.PerfGate.Results;
using Xunit;

namespace SurgeCollapse.Simd.PerfGate.Tests.Results;

public class BenchmarkReportReaderTests
{
    [Fact]
    public void Reads_the_fingerprint_and_only_the_result_iterations_per_operation()
    {
        string json = ReportJson.Report(ReportJson.AvxIntrinsics, ("S.T.M(N: 1)", [100, 110, 90], 24));

        var (fingerprint, runtime, cases) = BenchmarkReportReader.Parse(json, "test");

        Assert.Equal(Samples.Machine, fingerprint);
        Assert.Equal(".NET 10.0.12", runtime);
        BenchmarkMeasurements only = Assert.Single(cases);
        Assert.Equal("S.T.M(N: 1)", only.FullName);
        Assert.Equal([100, 110, 90], only.NanosecondsPerOperation); // Result stage ÷ 4 operations; Actual, warmup and jitting skipped
        Assert.Equal(24, only.AllocatedBytesPerOperation);
    }

    [Fact]
    public void Text_that_is_not_a_report_is_a_user_error()
    {
        Assert.Throws<GateInputException>(() => BenchmarkReportReader.Parse("{\"Title\":1}", "x.json"));
        Assert.Throws<GateInputException>(() => BenchmarkReportReader.Parse("not json", "x.json"));
    }

    [Fact]
    public void A_directory_with_no_report_is_a_user_error()
    {
        using var directory = new TemporaryDirectory();
        var e = Assert.Throws<GateInputException>(() => BenchmarkReportReader.Read(directory.Path));
        Assert.Contains("report-full.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_benchmark_in_two_reports_of_one_side_is_a_user_error()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("a-report-full.json", ReportJson.Report(ReportJson.AvxIntrinsics, ("S.T.M", [1, 2, 3], 0)));
        directory.Write("b-report-full.json", ReportJson.Report(ReportJson.AvxIntrinsics, ("S.T.M", [1, 2, 3], 0)));

        var e = Assert.Throws<GateInputException>(() => BenchmarkReportReader.Read(directory.Path));
        Assert.Contains("S.T.M", e.Message, StringComparison.Ordinal);
    }
}
