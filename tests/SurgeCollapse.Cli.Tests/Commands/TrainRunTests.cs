using System.Text.Json;
using SurgeCollapse.Simd.Checkpoints;
using SurgeCollapse.Simd.Model;
using Xunit;

namespace SurgeCollapse.Cli.Tests.Commands;

/// <summary><c>surge train</c> on token data, with checkpoints, and when it diverges.</summary>
public sealed class TrainRunTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("train-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Markov_training_prints_the_entropy_rate_and_writes_a_checkpoint()
    {
        string checkpoint = Path.Combine(_directory, "model.safetensors");
        SurgeResult result = Surge.Run("train", "--data", "markov", "--samples", "300", "--epochs", "1", "--policy", "scheduled", "--checkpoint", checkpoint);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("entropy rate", result.Output, StringComparison.Ordinal);
        Assert.Contains("epoch   1", result.Output, StringComparison.Ordinal);
        var model = new Mlp([32, 256, 16], 64, seed: 0);
        IReadOnlyDictionary<string, string> metadata = ModelCheckpoint.Load(checkpoint, model);
        Assert.Equal("scheduled", metadata["surge.policy"]);
        Assert.Equal("markov", metadata["surge.data"]);
    }

    [Fact]
    public void A_diverging_run_stops_with_a_message_and_keeps_its_last_good_checkpoint()
    {
        string checkpoint = Path.Combine(_directory, "model.safetensors");
        SurgeResult result = Surge.Run("train", "--samples", "300", "--epochs", "5", "--optimizer", "sgd", "--learning-rate", "1000",
            "--checkpoint", checkpoint, "--checkpoint-every", "1");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("training diverged at epoch", result.Output, StringComparison.Ordinal);
        Assert.Contains("lower --learning-rate", result.Output, StringComparison.Ordinal);
        var model = new Mlp([128, 256, 128], 64, seed: 0);
        ModelCheckpoint.Load(checkpoint, model);
        Assert.True(model.HasFiniteParameters());
        Assert.DoesNotContain(Directory.EnumerateFiles(_directory), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    /// <summary>Two epochs, then two more from the checkpoint, end with the very bytes four epochs in one go write.</summary>
    [Fact]
    public void A_resumed_run_ends_exactly_where_an_uninterrupted_one_does()
    {
        string whole = Path.Combine(_directory, "whole.safetensors"), half = Path.Combine(_directory, "half.safetensors"),
            resumed = Path.Combine(_directory, "resumed.safetensors");
        string[] run = ["train", "--samples", "1000", "--policy", "adaptive", "--h-high", "0", "--h-low", "0", "--noise", "0.2", "--seed", "3"];
        Assert.Equal(0, Surge.Run([.. run, "--epochs", "4", "--checkpoint", whole]).ExitCode);
        Assert.Equal(0, Surge.Run([.. run, "--epochs", "2", "--checkpoint", half]).ExitCode);
        SurgeResult result = Surge.Run([.. run, "--epochs", "4", "--resume", half, "--checkpoint", resumed]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("resumed from", result.Output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(whole), File.ReadAllBytes(resumed));
    }

    /// <summary>
    /// A run directory trained two epochs, then two more with --resume, holds the very files of four epochs in one go:
    /// the record (metrics, events, the ledger of markov data) is read back and continued, not restarted.
    /// </summary>
    [Fact]
    public void A_run_directory_continued_with_resume_ends_with_the_files_of_an_uninterrupted_run()
    {
        string whole = Path.Combine(_directory, "whole"), half = Path.Combine(_directory, "half");
        // 58 steps in two epochs: --eval-every 29 evaluates at the end of the first part as the whole run does.
        string[] run = ["train", "--data", "markov", "--samples", "2000", "--policy", "adaptive", "--h-high", "0", "--h-low", "0",
            "--noise", "0.2", "--seed", "3", "--eval-every", "29"];
        Assert.Equal(0, Surge.Run([.. run, "--epochs", "4", "--output", whole]).ExitCode);
        Assert.Equal(0, Surge.Run([.. run, "--epochs", "2", "--output", half]).ExitCode);
        SurgeResult result = Surge.Run([.. run, "--epochs", "4", "--output", half, "--resume", Path.Combine(half, "model.safetensors")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("report: ", result.Output, StringComparison.Ordinal);
        foreach (string file in (string[])["metrics.csv", "events.csv", "model.safetensors"])
            Assert.Equal(File.ReadAllBytes(Path.Combine(whole, file)), File.ReadAllBytes(Path.Combine(half, file)));
        Assert.NotEmpty(File.ReadAllLines(Path.Combine(whole, "events.csv")).Skip(1));
        using JsonDocument wholeRun = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(whole, "run.json")));
        using JsonDocument halfRun = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(half, "run.json")));
        Assert.Equal(4, wholeRun.RootElement.GetProperty("ledger").GetArrayLength());
        Assert.Equal(wholeRun.RootElement.GetProperty("ledger").GetRawText(), halfRun.RootElement.GetProperty("ledger").GetRawText());
        Assert.Equal(58, halfRun.RootElement.GetProperty("resumed_after_step").GetInt32());
        foreach (string file in (string[])["report.html", "summary.json", "run.json"])
            Assert.True(File.Exists(Path.Combine(half, file)), file);
        Assert.Empty(Directory.EnumerateFiles(_directory, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void An_output_directory_holding_another_run_is_never_overwritten()
    {
        string directory = Path.Combine(_directory, "run");
        string[] run = ["train", "--samples", "300", "--epochs", "1"];
        Assert.Equal(0, Surge.Run([.. run, "--output", directory]).ExitCode);
        Surge.AssertUserError(Surge.Run([.. run, "--output", directory]), "--output", "already holds a finished run", "--resume");
        File.Delete(Path.Combine(directory, "run.json"));
        Surge.AssertUserError(Surge.Run([.. run, "--output", directory]), "--output", "holds a stopped run", "--resume");
        Surge.AssertUserError(Surge.Run("train", "--samples", "300", "--epochs", "2", "--output", Path.Combine(_directory, "new"), "--resume", Path.Combine(directory, "model.safetensors")),
            "--resume", "no metrics.csv");
        Surge.AssertUserError(Surge.Run([.. run, "--output", Path.Combine(directory, "metrics.csv")]), "--output", "is a file");
        string other = Directory.CreateDirectory(Path.Combine(_directory, "other")).FullName;
        File.WriteAllText(Path.Combine(other, "report.html"), "a sweep's report");
        Surge.AssertUserError(Surge.Run([.. run, "--output", other]), "--output", "not empty");
        Assert.Equal("a sweep's report", File.ReadAllText(Path.Combine(other, "report.html")));
    }

    [Fact]
    public void Resuming_with_other_settings_is_refused()
    {
        string checkpoint = Path.Combine(_directory, "model.safetensors");
        Assert.Equal(0, Surge.Run("train", "--samples", "300", "--epochs", "1", "--checkpoint", checkpoint).ExitCode);
        Surge.AssertUserError(Surge.Run("train", "--samples", "300", "--epochs", "2", "--seed", "7", "--resume", checkpoint), "--resume", "--seed 42", "7");
        Surge.AssertUserError(Surge.Run("train", "--samples", "300", "--epochs", "2", "--sparsity", "0.3", "--resume", checkpoint), "--resume", "other options");
        Surge.AssertUserError(Surge.Run("train", "--samples", "300", "--epochs", "2", "--lr", "0.1", "--resume", checkpoint), "--resume", "other options");
        SurgeResult done = Surge.Run("train", "--samples", "300", "--epochs", "1", "--resume", checkpoint);
        Assert.Equal(2, done.ExitCode);
        Assert.Contains("--epochs: the checkpoint has already trained 5 steps", done.Error, StringComparison.Ordinal);
        Surge.AssertUserError(Surge.Run("train", "--samples", "300", "--epochs", "2", "--resume", Path.Combine(_directory, "none.safetensors")), "none.safetensors");
    }

    [Theory]
    [InlineData(new[] { "--entropy-range", "fixed", "--entropy-low", "1", "--entropy-high", "0" }, "--entropy-high")]
    [InlineData(new[] { "--entropy-unit", "decibans" }, "--entropy-unit")]
    [InlineData(new[] { "--optimizer", "sgd", "--nesterov", "--momentum", "0" }, "--momentum")]
    [InlineData(new[] { "--weight-decay", "-1" }, "--weight-decay")]
    [InlineData(new[] { "--data", "markov", "--order", "0" }, "--order")]
    [InlineData(new[] { "--data", "markov", "--vocabulary", "100", "--order", "3" }, "--order")]
    public void Bad_entropy_optimizer_and_data_options_are_one_line_naming_the_option(string[] options, string flag) =>
        Surge.AssertUserError(Surge.Run(["train", .. options]), flag);
}
