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
    [InlineData("text", DynamicsPolicy.Adaptive)]
    public void A_stopped_run_continues_to_the_files_of_a_run_that_never_stopped(string data, DynamicsPolicy policy)
    {
        (SweepSettings settings, TrainingData source, ArmSpec arm) = Arm(data, policy);
        string whole = Path.Combine(_directory, "whole"), stopped = Path.Combine(_directory, "stopped");
        RunDirectoryWriter.Write(whole, ArmRunner.Run(arm, settings, source, whole, static _ => { }, CancellationToken.None), settings);

        StopAt(arm, settings, source, stopped, 100);
        RunOutcome second = ArmRunner.Run(arm, settings, source, stopped, static _ => { }, CancellationToken.None);
        Assert.Equal(RunStatus.Completed, second.Status);
        Assert.Null(second.Message);
        Assert.Equal(100, second.Record.ResumedSteps);
        RunDirectoryWriter.Write(stopped, second, settings);
        AssertSameRecord(whole, stopped);
        Assert.NotEmpty(second.Events);
    }

    /// <summary>
    /// A run killed after appending rows past its last checkpoint, the last row cut short, continues from the checkpoint:
    /// the rows past it are trained again, not read.
    /// </summary>
    [Fact]
    public void Rows_appended_after_the_checkpoint_and_a_torn_last_line_are_trained_again()
    {
        (SweepSettings settings, TrainingData source, ArmSpec arm) = Arm("ar", DynamicsPolicy.Scheduled);
        string whole = Path.Combine(_directory, "whole"), killed = Path.Combine(_directory, "killed");
        RunDirectoryWriter.Write(whole, ArmRunner.Run(arm, settings, source, whole, static _ => { }, CancellationToken.None), settings);

        StopAt(arm, settings, source, killed, 100);
        string[] later = File.ReadAllLines(Path.Combine(whole, "metrics.csv"))[101..104];
        File.AppendAllText(Path.Combine(killed, "metrics.csv"), string.Join('\n', later) + "\n" + later[^1][..20]);
        string laterEvent = File.ReadAllLines(Path.Combine(whole, "events.csv")).Last();
        File.AppendAllText(Path.Combine(killed, "events.csv"), laterEvent[..12]);

        RunOutcome resumed = ArmRunner.Run(arm, settings, source, killed, static _ => { }, CancellationToken.None);
        Assert.True(resumed.Message is null, resumed.Message);
        RunDirectoryWriter.Write(killed, resumed, settings);
        AssertSameRecord(whole, killed);
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

    /// <summary>A short run of <paramref name="policy"/> on <paramref name="data"/> (204 steps; text from a file written here).</summary>
    private (SweepSettings, TrainingData, ArmSpec) Arm(string data, DynamicsPolicy policy)
    {
        string text = Path.Combine(_directory, "text.txt");
        File.WriteAllText(text, string.Concat(Enumerable.Range(0, 400).Select(i => $"line {i}: the surge comes after the collapse. ")));
        var settings = new SweepSettings(new DataSettings(data, 1200, 32, 16, 2, text, TextTokenization.Bytes, 8),
            Epochs: 6, BatchSize: 32, Hidden: [64], LearningRate: 1e-3, EvaluateEvery: 10, CheckpointEvery: 0, TemperatureKelvin: 300);
        return (settings, settings.Data.Load(5), new ArmSpec(policy, 0.1, 5));
    }

    /// <summary>Runs the arm into <paramref name="directory"/> and stops it (as Ctrl-C does) once it reports step <paramref name="step"/>.</summary>
    private static void StopAt(ArmSpec arm, SweepSettings settings, TrainingData source, string directory, int step)
    {
        using var stop = new CancellationTokenSource();
        RunOutcome first = ArmRunner.Run(arm, settings, source, directory, progress =>
        {
            if (progress.Step >= step)
                stop.Cancel();
        }, stop.Token);
        Assert.Equal(RunStatus.Cancelled, first.Status);
        Assert.Equal(step, first.Metrics.Count);
        Assert.False(RunDirectoryWriter.IsFinished(directory));
        Assert.True(File.Exists(Path.Combine(directory, ArmRunner.CheckpointFile)));
    }

    private static void AssertSameRecord(string expected, string actual)
    {
        foreach (string file in (string[])["metrics.csv", "events.csv", "model.safetensors"])
            Assert.Equal(File.ReadAllBytes(Path.Combine(expected, file)), File.ReadAllBytes(Path.Combine(actual, file)));
    }
}
