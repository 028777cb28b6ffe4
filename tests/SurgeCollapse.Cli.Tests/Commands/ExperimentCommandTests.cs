using System.Text.Json;
using SurgeCollapse.Simd.Checkpoints;
using Xunit;

namespace SurgeCollapse.Cli.Tests.Commands;

/// <summary><c>surge experiment</c> and <c>surge report</c>: a small sweep end to end, shards, re-runs, and bad input.</summary>
public sealed class ExperimentCommandTests : IDisposable
{
    /// <summary>Two policies × one σ × two seeds, one epoch of 270 training samples: 5 steps a run.</summary>
    private static readonly string[] SmallSweep =
        ["experiment", "--epochs", "1", "--samples", "300", "--seeds", "1,2", "--noise", "0.1", "--policies", "baseline,adaptive", "--eval-every", "2"];

    private readonly string _directory = Directory.CreateTempSubdirectory("experiment-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_sweep_writes_every_run_and_a_self_contained_report()
    {
        string sweep = Path.Combine(_directory, "sweep");
        SurgeResult result = Surge.Run([.. SmallSweep, "--output", sweep]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("4 of 4 runs written", result.Output, StringComparison.Ordinal);
        foreach (string arm in (string[])["baseline_sigma0.1_seed1", "baseline_sigma0.1_seed2", "adaptive_sigma0.1_seed1", "adaptive_sigma0.1_seed2"])
        {
            string run = Path.Combine(sweep, "runs", arm);
            using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "run.json")));
            Assert.True(json.RootElement.GetProperty("completed").GetBoolean());
            Assert.Equal(5, json.RootElement.GetProperty("steps").GetInt32());
            string[] metrics = File.ReadAllLines(Path.Combine(run, "metrics.csv"));
            Assert.StartsWith("step,epoch,training_loss,validation_loss,activation_entropy,target_entropy,sparsity,input_sigma", metrics[0], StringComparison.Ordinal);
            Assert.Equal(6, metrics.Length);
            Assert.Equal("step,rule,action,entropy,sparsity_before,sparsity_after,input_sigma,changed", File.ReadLines(Path.Combine(run, "events.csv")).First());
            Assert.Contains("layers.0.weight", SafetensorsFile.Read(Path.Combine(run, "model.safetensors")).Tensors.Select(t => t.Name));
        }

        string report = File.ReadAllText(Path.Combine(sweep, "report.html"));
        Assert.Contains("<svg", report, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", report, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", report, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", report, StringComparison.Ordinal);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(sweep, "summary.json")));
        Assert.Equal(4, summary.RootElement.GetProperty("runs").GetInt32());
        Assert.Empty(Directory.EnumerateFiles(sweep, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_run_directory_that_cannot_be_made_is_one_line_of_error_not_a_crash()
    {
        // The failure happens inside the parallel loop over runs, which wraps it in an AggregateException.
        string sweep = Path.Combine(_directory, "sweep");
        string blocked = Path.Combine(sweep, "runs", "adaptive_sigma0.1_seed2");
        Directory.CreateDirectory(Path.GetDirectoryName(blocked)!);
        File.WriteAllText(blocked, "a file where the run's directory should be");

        SurgeResult result = Surge.Run([.. SmallSweep, "--output", sweep]);

        Assert.True(result.ExitCode == 2, result.ToString());
        string line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("surge: error: ", line, StringComparison.Ordinal);
        Assert.Contains("adaptive_sigma0.1_seed2", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Shards_together_run_every_arm_once_and_a_rerun_keeps_finished_runs()
    {
        string sweep = Path.Combine(_directory, "sweep");
        Assert.Equal(0, Surge.Run([.. SmallSweep, "--output", sweep, "--shard", "1/3"]).ExitCode);
        Assert.Equal(0, Surge.Run([.. SmallSweep, "--output", sweep, "--shard", "3/3"]).ExitCode);
        Assert.Equal(3, Directory.GetDirectories(Path.Combine(sweep, "runs")).Length);

        SurgeResult rest = Surge.Run([.. SmallSweep, "--output", sweep]);
        Assert.True(rest.ExitCode == 0, rest.ToString());
        Assert.Contains("sweep: 1 runs", rest.Output, StringComparison.Ordinal);
        Assert.Contains("(3 finished runs kept)", rest.Output, StringComparison.Ordinal);

        string merged = Path.Combine(_directory, "merged");
        SurgeResult report = Surge.Run("report", sweep, "--output", merged);
        Assert.True(report.ExitCode == 0, report.ToString());
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(merged, "summary.json")));
        Assert.Equal(4, summary.RootElement.GetProperty("runs").GetInt32());
    }

    [Fact]
    public void A_directory_holding_a_sweep_with_other_settings_is_refused()
    {
        string sweep = Path.Combine(_directory, "sweep");
        Assert.Equal(0, Surge.Run([.. SmallSweep, "--output", sweep, "--shard", "1/4"]).ExitCode);
        Surge.AssertUserError(Surge.Run([.. SmallSweep, "--output", sweep, "--learning-rate", "0.01"]), "sweep.json", "other settings");
    }

    [Fact]
    public void A_malformed_metrics_file_is_named_with_its_line_and_field()
    {
        string sweep = Path.Combine(_directory, "sweep");
        Assert.Equal(0, Surge.Run([.. SmallSweep, "--output", sweep, "--shard", "1/4"]).ExitCode);
        string metrics = Directory.EnumerateFiles(sweep, "metrics.csv", SearchOption.AllDirectories).Single();
        string[] lines = File.ReadAllLines(metrics);
        string[] fields = lines[3].Split(',');
        fields[2] = "abc"; // training_loss of step 3, on line 4 after the header
        lines[3] = string.Join(',', fields);
        File.WriteAllLines(metrics, lines);
        Surge.AssertUserError(Surge.Run("report", sweep), "metrics.csv", "line 4", "training_loss", "abc");
    }

    [Theory]
    [InlineData("--shard", "3/2", "--shard", "3/2")]
    [InlineData("--shard", "one/two", "--shard", "one/two")]
    [InlineData("--noise", "-0.1", "--noise", "-0.1")]
    [InlineData("--noise", "0.1,x", "--noise", "'x'")]
    [InlineData("--policies", "bogus", "--policies", "bogus")]
    [InlineData("--seeds", "1,1", "--seeds", "twice")]
    [InlineData("--epochs", "0", "--epochs", "got 0")]
    [InlineData("--batch-size", "0", "--batch-size", "got 0")]
    [InlineData("--jobs", "0", "--jobs", "got 0")]
    [InlineData("--checkpoint-every", "-1", "--checkpoint-every", "got -1")]
    [InlineData("--samples", "5", "--samples", "5")]
    [InlineData("--temperature", "-3", "--temperature", "-3")]
    [InlineData("--data", "csv", "--data", "csv")]
    [InlineData("--hidden", "", "--policy adaptive", "--hidden")]
    [InlineData("--hidden", "64,0", "--hidden", "64,0")]
    [InlineData("--learning-rate", "-1", "--learning-rate", "-1")]
    public void Bad_input_is_one_line_naming_the_option(string option, string value, string fragment1, string fragment2)
    {
        SurgeResult result = Surge.Run("experiment", option, value, "--output", Path.Combine(_directory, "sweep"));
        Surge.AssertUserError(result, fragment1, fragment2);
    }

    /// <summary>Two hidden layers of one width are a model, not a value listed twice.</summary>
    [Fact]
    public void Hidden_layers_may_repeat_a_width()
    {
        string sweep = Path.Combine(_directory, "deep");
        SurgeResult result = Surge.Run("experiment", "--hidden", "32,32", "--epochs", "1", "--samples", "200", "--seeds", "1", "--noise", "0.1",
            "--policies", "baseline", "--output", sweep);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\"sizes\": [\n    128,\n    32,\n    32,\n    128\n  ]", File.ReadAllText(Path.Combine(sweep, "runs", "baseline_sigma0.1_seed1", "run.json")).ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_of_a_directory_without_runs_is_a_user_error()
    {
        Surge.AssertUserError(Surge.Run("report", _directory), _directory);
    }

    [Fact]
    public void Markov_runs_report_the_entropy_rate_as_floor_and_an_exact_ledger()
    {
        string sweep = Path.Combine(_directory, "markov");
        SurgeResult result = Surge.Run("experiment", "--data", "markov", "--epochs", "1", "--samples", "300", "--seeds", "1", "--noise", "0.1",
            "--policies", "baseline", "--eval-every", "2", "--output", sweep);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("entropy rate", result.Output, StringComparison.Ordinal);
        using JsonDocument run = JsonDocument.Parse(File.ReadAllText(Path.Combine(sweep, "runs", "baseline_sigma0.1_seed1", "run.json")));
        JsonElement root = run.RootElement;
        Assert.Equal("cross_entropy", root.GetProperty("loss").GetString());
        double floor = root.GetProperty("loss_floor").GetDouble();
        Assert.InRange(floor, 0.1, Math.Log(16));
        JsonElement last = root.GetProperty("ledger").EnumerateArray().Last();
        Assert.False(last.GetProperty("h_is_estimate").GetBoolean());
        Assert.Equal(floor / Math.Log(2), last.GetProperty("h_bits").GetDouble(), 12);
        Assert.Equal(270, last.GetProperty("d_tokens").GetInt64());
        // SPEC §9: the report shows the ledger per evaluation (steps 2, 4 and the last, 5) and at the end.
        string report = File.ReadAllText(Path.Combine(sweep, "report.html"));
        string details = report[report.IndexOf("baseline_sigma0.1_seed1: every evaluation", StringComparison.Ordinal)..];
        details = details[..details.IndexOf("</details>", StringComparison.Ordinal)];
        Assert.Equal(3, details.Split("<tr><td").Length - 1);
    }

    [Fact]
    public void Text_runs_estimate_the_entropy_for_their_ledger()
    {
        string file = Path.Combine(_directory, "corpus.txt");
        File.WriteAllText(file, string.Concat(Enumerable.Repeat("the quick brown fox jumps over the lazy dog. ", 20)));
        string sweep = Path.Combine(_directory, "text");
        SurgeResult result = Surge.Run("experiment", "--data", "text", "--file", file, "--tokenization", "characters", "--context", "3",
            "--epochs", "1", "--seeds", "1", "--noise", "0", "--policies", "adaptive", "--output", sweep);
        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument run = JsonDocument.Parse(File.ReadAllText(Path.Combine(sweep, "runs", "adaptive_sigma0_seed1", "run.json")));
        Assert.Equal(JsonValueKind.Null, run.RootElement.GetProperty("loss_floor").ValueKind);
        Assert.True(run.RootElement.GetProperty("ledger").EnumerateArray().Last().GetProperty("h_is_estimate").GetBoolean());
    }

    [Theory]
    [InlineData("missing", "missing.txt")]
    [InlineData("empty", "empty.txt")]
    [InlineData("latin-1", "latin-1.txt")]
    public void A_bad_text_file_is_one_line_naming_it(string kind, string name)
    {
        string file = Path.Combine(_directory, name);
        if (kind == "empty")
            File.WriteAllBytes(file, []);
        if (kind == "latin-1")
            File.WriteAllBytes(file, [(byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)' ', (byte)'o', (byte)'k']);
        string sweep = Path.Combine(_directory, "sweep");
        SurgeResult result = Surge.Run("experiment", "--data", "text", "--file", file, "--output", sweep);
        Surge.AssertUserError(result, name);
        Assert.False(Directory.Exists(sweep), "nothing is written before the data is known good");
    }

    [Fact]
    public void Text_data_needs_a_file()
    {
        Surge.AssertUserError(Surge.Run("experiment", "--data", "text", "--output", Path.Combine(_directory, "sweep")), "--file");
    }

    [Fact]
    public void An_output_path_that_is_a_file_is_one_line_not_a_stack_trace()
    {
        string file = Path.Combine(_directory, "file.txt");
        File.WriteAllText(file, "not a directory");
        Surge.AssertUserError(Surge.Run([.. SmallSweep, "--output", file]), "file.txt");
        string sweep = Path.Combine(_directory, "sweep");
        Assert.Equal(0, Surge.Run([.. SmallSweep, "--output", sweep, "--shard", "1/4"]).ExitCode);
        Surge.AssertUserError(Surge.Run("report", sweep, "--output", file), "file.txt");
    }

    [Fact]
    public void Sweeps_of_different_settings_are_not_merged()
    {
        string a = Path.Combine(_directory, "a"), b = Path.Combine(_directory, "b");
        Assert.Equal(0, Surge.Run([.. SmallSweep, "--output", a, "--shard", "1/4"]).ExitCode);
        Assert.Equal(0, Surge.Run([.. SmallSweep, "--output", b, "--shard", "2/4", "--learning-rate", "0.02"]).ExitCode);
        Surge.AssertUserError(Surge.Run("report", a, b, "--output", Path.Combine(_directory, "merged")), "sweep.json", "other settings");
    }
}
