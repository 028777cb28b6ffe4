using SurgeCollapse.Cli.Experiment;
using SurgeCollapse.Simd.Data;
using SurgeCollapse.Simd.Dynamics;
using Xunit;

namespace SurgeCollapse.Cli.Tests.Commands;

/// <summary>A sweep's run stopped part-way (Ctrl-C) continues from its checkpoint when the sweep is run again.</summary>
public sealed class ArmResumeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("arm-resume-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("ar", DynamicsPolicy.Scheduled)]
    [InlineData("markov", DynamicsPolicy.Notebook)]
    public void A_stopped_run_continues_to_the_files_of_a_run_that_never_stopped(string data, DynamicsPolicy policy)
    {
        var settings = new SweepSettings(new DataSettings(data, 1200, 32, 16, 2, null, TextTokenization.Bytes, 8),
            Epochs: 6, BatchSize: 32, Hidden: [64], LearningRate: 1e-3, EvaluateEvery: 10, CheckpointEvery: 0, TemperatureKelvin: 300);
        TrainingData source = settings.Data.Load(5);
        var arm = new ArmSpec(policy, 0.1, 5);
        string whole = Path.Combine(_directory, "whole"), stopped = Path.Combine(_directory, "stopped");
        RunDirectoryWriter.Write(whole, ArmRunner.Run(arm, settings, source, whole, static _ => { }, CancellationToken.None), settings);

        using var stop = new CancellationTokenSource();
        RunOutcome first = ArmRunner.Run(arm, settings, source, stopped, progress =>
        {
            if (progress.Step >= 100)
                stop.Cancel();
        }, stop.Token);
        Assert.Equal(RunStatus.Cancelled, first.Status);
        Assert.False(RunDirectoryWriter.IsFinished(stopped));
        Assert.True(File.Exists(Path.Combine(stopped, ArmRunner.CheckpointFile)));

        RunOutcome second = ArmRunner.Run(arm, settings, source, stopped, static _ => { }, CancellationToken.None);
        Assert.Equal(RunStatus.Completed, second.Status);
        Assert.Null(second.Message);
        Assert.Equal(100, second.Record.ResumedSteps);
        RunDirectoryWriter.Write(stopped, second, settings);
        foreach (string file in (string[])["metrics.csv", "events.csv", "model.safetensors"])
            Assert.Equal(File.ReadAllBytes(Path.Combine(whole, file)), File.ReadAllBytes(Path.Combine(stopped, file)));
        Assert.NotEmpty(second.Events);
    }

    [Fact]
    public void A_stopped_run_whose_record_is_gone_starts_again_and_says_why()
    {
        var settings = new SweepSettings(new DataSettings("ar", 600, 16, 16, 2, null, TextTokenization.Bytes, 8),
            Epochs: 2, BatchSize: 32, Hidden: [32], LearningRate: 1e-3, EvaluateEvery: 10, CheckpointEvery: 10, TemperatureKelvin: 300);
        TrainingData source = settings.Data.Load(1);
        var arm = new ArmSpec(DynamicsPolicy.Baseline, 0.05, 1);
        string directory = Path.Combine(_directory, "run");
        ArmRunner.Run(arm, settings, source, directory, static _ => { }, CancellationToken.None, maxSteps: 20);
        File.Delete(Path.Combine(directory, RunDirectoryWriter.MetricsFile));

        RunOutcome outcome = ArmRunner.Run(arm, settings, source, directory, static _ => { }, CancellationToken.None);
        Assert.Equal(RunStatus.Completed, outcome.Status);
        Assert.Equal(0, outcome.Record.ResumedSteps);
        Assert.Contains("started again from step 0", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("metrics.csv", outcome.Message, StringComparison.Ordinal);
    }
}
