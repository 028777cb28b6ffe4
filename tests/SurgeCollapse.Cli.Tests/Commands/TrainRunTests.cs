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
        Assert.Equal("scheduled", metadata["run.policy"]);
        Assert.Equal("markov", metadata["run.data"]);
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
}
