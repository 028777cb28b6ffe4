using SurgeCollapse.Simd.PerfGate.Commands;
using SurgeCollapse.Simd.PerfGate.Comparison;
using Xunit;

namespace SurgeCollapse.Simd.PerfGate.Tests.Commands;

/// <summary>The commands end to end on files: exit codes, the baseline layout, the messages a CI log shows.</summary>
public sealed class CommandLineTests : IDisposable
{
    private const string Step = "S.TrainingStepBenchmarks.StepWithAdam";
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string Run(string name, string intrinsics, double medianNs, long allocated = 0) =>
        _directory.Write($"{name}/results/Suite-report-full.json", ReportJson.Report(intrinsics, (Step, Samples.Around(medianNs), allocated)));

    private static (int ExitCode, string Output) Invoke(params string[] args)
    {
        using var output = new StringWriter();
        GateArguments arguments = GateArguments.Parse(args);
        int code = arguments.Command switch
        {
            "compare" => CompareCommand.Run(arguments, output),
            "update-baseline" => UpdateBaselineCommand.Run(arguments, output),
            _ => FingerprintCommand.Run(arguments, output),
        };
        return (code, output.ToString());
    }

    [Fact]
    public void Compare_passes_on_equal_runs_and_fails_on_a_slowdown()
    {
        string baseline = Run("base", ReportJson.AvxIntrinsics, 170_000);
        string same = Run("same", ReportJson.AvxIntrinsics, 170_000);
        string slow = Run("slow", ReportJson.AvxIntrinsics, 204_000);
        string markdown = Path.Combine(_directory.Path, "summary.md");

        Assert.Equal(ExitCodes.Passed, Invoke("compare", "--baseline", baseline, "--current", same).ExitCode);
        (int code, string output) = Invoke("compare", "--baseline", baseline, "--current", Path.GetDirectoryName(slow)!, "--markdown", markdown);

        Assert.Equal(ExitCodes.Regression, code);
        Assert.Contains("SLOWER", output, StringComparison.Ordinal);
        Assert.Contains("FAIL: 1 slower", output, StringComparison.Ordinal);
        Assert.Contains("| `TrainingStepBenchmarks.StepWithAdam` |", File.ReadAllText(markdown), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_fails_on_more_allocated_bytes()
    {
        string baseline = Run("base", ReportJson.AvxIntrinsics, 170_000, allocated: 0);
        string current = Run("current", ReportJson.AvxIntrinsics, 170_000, allocated: 32);

        (int code, string output) = Invoke("compare", "--baseline", baseline, "--current", current);

        Assert.Equal(ExitCodes.Regression, code);
        Assert.Contains("0 → 32 B", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_refuses_results_of_another_machine()
    {
        string baseline = Run("base", ReportJson.Avx2Intrinsics, 170_000);
        string current = Run("current", ReportJson.AvxIntrinsics, 170_000);

        Assert.Throws<FingerprintMismatchException>(() => Invoke("compare", "--baseline", baseline, "--current", current));
    }

    [Fact]
    public void Update_baseline_writes_the_machine_directory_that_compare_then_finds_from_the_root()
    {
        string current = Run("current", ReportJson.AvxIntrinsics, 170_000);
        string root = Path.Combine(_directory.Path, "baselines");

        (int code, string output) = Invoke("update-baseline", "--current", current, "--baselines", root);

        Assert.Equal(ExitCodes.Passed, code);
        string machine = Path.Combine(root, Samples.Machine.Slug());
        Assert.True(File.Exists(Path.Combine(machine, "Suite-report-full.json")), output);
        Assert.True(File.Exists(Path.Combine(machine, BaselineLocator.FingerprintFile)));
        Assert.Equal(ExitCodes.Passed, Invoke("compare", "--baseline", root, "--current", current).ExitCode);
    }

    [Fact]
    public void A_baselines_root_without_this_machine_says_to_produce_a_baseline_first()
    {
        string other = Run("other", ReportJson.Avx2Intrinsics, 170_000);
        string root = Path.Combine(_directory.Path, "baselines");
        Invoke("update-baseline", "--current", other, "--baselines", root);
        string current = Run("current", ReportJson.AvxIntrinsics, 170_000);

        var e = Assert.Throws<GateInputException>(() => Invoke("compare", "--baseline", root, "--current", current));

        Assert.Contains("update-baseline", e.Message, StringComparison.Ordinal);
        Assert.Contains(Samples.Machine.Slug(), e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("compare", "--baseline", "a")]
    [InlineData("compare", "--baseline", "a", "--current", "b", "--treshold", "5%")]
    [InlineData("compare", "--baseline", "a", "--current", "b", "--threshold", "5")]
    [InlineData("compare", "--baseline")]
    public void Bad_options_are_user_errors(params string[] args) =>
        Assert.Throws<GateInputException>(() => Invoke(args));

    [Fact]
    public void Threshold_reads_percentages_and_fractions()
    {
        Assert.Equal(0.05, GateArguments.Parse(["compare", "--threshold", "5%"]).Fraction("--threshold", 0), 1e-15);
        Assert.Equal(0.05, GateArguments.Parse(["compare", "--threshold", "0.05"]).Fraction("--threshold", 0), 1e-15);
    }
}
