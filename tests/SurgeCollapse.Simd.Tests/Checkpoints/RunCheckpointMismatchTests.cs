using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using SurgeCollapse.Simd.Checkpoints;
using SurgeCollapse.Simd.Data;
using SurgeCollapse.Simd.Noise;
using Xunit;
using static SurgeCollapse.Simd.Tests.Checkpoints.RunCheckpointTests;

namespace SurgeCollapse.Simd.Tests.Checkpoints;

/// <summary>
/// A run checkpoint that does not fit the run it is loaded into is refused with one line naming the file, the key and
/// expected vs got, and leaves every part of the run as it was; a run checkpoint is a model checkpoint too.
/// </summary>
public sealed class RunCheckpointMismatchTests : IDisposable
{
    // An adaptive token run saved after 40 steps: 1,800 samples, window of 100 of which 40 are filled.
    private const int Steps = 40;

    private readonly string _directory = Directory.CreateTempSubdirectory("run-checkpoint-mismatch-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    private static TokenRun NewRun(ulong seed, string configuration = "adaptive-pump", MarkovDataSource? data = null) =>
        new(OptionsOf(configuration, cooldownSteps: 15), seed, data ?? MarkovData.Value);

    private string SavedRun(string configuration = "adaptive-pump")
    {
        TokenRun run = NewRun(42, configuration);
        run.Steps(Steps);
        string path = PathOf("saved.safetensors");
        run.Save(path);
        return path;
    }

    public static TheoryData<string, string?, string> BadMetadata => new()
    {
        { "run.version", null, "expected 1 (a run checkpoint; a model checkpoint has no run state), got none" },
        { "run.version", "2", "expected 1, got '2'" },
        { "run.policy", "Scheduled", "expected Adaptive (the trainer's policy), got 'Scheduled'" },
        { "run.trainer.step", "-1", "expected an integer of at least 0, got '-1'" },
        { "run.trainer.step", "1e3", "expected an integer of at least 0, got '1e3'" },
        { "run.trainer.base_sigma", "0.2", "expected 0.05 (the trainer's input sigma), got '0.2'" },
        { "run.trainer.input_sigma", "NaN", "expected a finite number of at least 0, got 'NaN'" },
        { "run.trainer.last_action", "Collapse, Bogus", "expected None or Collapse, Surge, Pump joined by ', ', got 'Collapse, Bogus'" },
        { "run.trainer.last_action", "8", "got '8'" },
        { "run.trainer.random", "0000000000000000,0000000000000000,0000000000000000,0000000000000000", "not all zero, got '0000000000000000," },
        { "run.trainer.random", "12,34", "expected 4 comma-separated 16-digit hexadecimal words, not all zero, got '12,34'" },
        { "run.noise.surge.stream", "1", "expected 3 (the stream being restored), got '1'" },
        { "run.noise.entropy_pump.position", "-5", "expected an integer of at least 0, got '-5'" },
        { "run.noise.input_noise.seed", null, "expected an unsigned 64-bit integer, got none" },
        { "run.sampler.batch_size", "32", "expected 64 (the sampler's batch size), got '32'" },
        { "run.sampler.noise_sigma", "0.1", "(the sampler's input noise sigma), got '0.1'" },
        { "run.sampler.position", "1801", "expected an integer in [0, 1800], got '1801'" },
        { "run.sampler.random", null, "got none" },
        { "run.controller.last_rule", "2", "expected ScheduledCollapse, ScheduledSurge, HighEntropy, LowEntropy, Plateau, got '2'" },
        { "run.controller.filled", "101", "expected an integer in [0, 100], got '101'" },
        { "run.controller.next", "7", "expected the next index equal to the filled count 40 (the ring is not full yet), got 7" },
        { "run.controller.pumped_sigma", "-0.1", "expected a finite number of at least 0, got '-0.1'" },
        { "run.controller.quiet_until", null, "expected an integer, got none" },
        { "optimizer.step", "x", "expected a non-negative integer, got 'x'" },
    };

    [Theory]
    [MemberData(nameof(BadMetadata))]
    public void Metadata_that_does_not_fit_is_refused_and_changes_nothing(string key, string? value, string expected)
    {
        string path = Rewrite(SavedRun(), metadata => { if (value is null) metadata.Remove(key); else metadata[key] = value; });
        AssertRefused(path, $"metadata '{key}': ", expected);
    }

    public static TheoryData<string, string> BadTensors => new()
    {
        { "duplicate sample", "tensor 'run.sampler.order': expected a permutation of 0..1799, got" },
        { "sample out of range", "tensor 'run.sampler.order': expected a permutation of 0..1799, got 1800 at index 0" },
        { "order as F32", "tensor 'run.sampler.order': field 'dtype': expected I32, got F32" },
        { "short window", "tensor 'run.controller.window': field 'shape': expected [100] for the controller's window of 100 steps (PlateauWindowSteps), got [99]" },
        { "missing window", "tensor 'run.controller.window': expected one for the controller's window of 100 steps (PlateauWindowSteps), got none" },
        { "unknown run tensor", "tensor 'run.bogus': expected no tensor of that name, got one (it is no part of this run's state)" },
        // The model part is checked after the run state, still before anything is written.
        { "mask of 2", "tensor 'layers.0.mask': expected a mask of 0 and 1, got 2 at index 0" },
    };

    [Theory]
    [MemberData(nameof(BadTensors))]
    public void Tensors_that_do_not_fit_are_refused_and_change_nothing(string change, string expected)
    {
        string path = Rewrite(SavedRun(), tensors: tensors =>
        {
            switch (change)
            {
                case "duplicate sample":
                    var order = (int[])tensors["run.sampler.order"];
                    order[1] = order[0];
                    break;
                case "sample out of range":
                    ((int[])tensors["run.sampler.order"])[0] = 1800;
                    break;
                case "order as F32":
                    tensors["run.sampler.order"] = ((int[])tensors["run.sampler.order"]).Select(i => (float)i).ToArray();
                    break;
                case "short window":
                    tensors["run.controller.window"] = ((double[])tensors["run.controller.window"])[1..];
                    break;
                case "missing window":
                    tensors.Remove("run.controller.window");
                    break;
                case "unknown run tensor":
                    tensors["run.bogus"] = new[] { 1 };
                    break;
                case "mask of 2":
                    ((float[])tensors["layers.0.mask"])[0] = 2;
                    break;
            }
        });
        AssertRefused(path, "", expected);
    }

    [Fact]
    public void A_sampler_over_another_training_set_is_refused()
    {
        string path = SavedRun();
        TokenRun other = NewRun(7, data: new MarkovDataSource(new MarkovDataOptions { Samples = 1000, Seed = 5 }));
        var error = Assert.Throws<UserInputException>(() => other.Load(path));
        Assert.Equal($"{path}: tensor 'run.sampler.order': field 'shape': expected [900] for the sampler's 900 training samples, got [1800]", error.Message);
    }

    [Fact]
    public void A_run_of_another_policy_is_refused_before_its_missing_controller_is_noticed()
    {
        string path = SavedRun("scheduled");
        var error = Assert.Throws<UserInputException>(() => NewRun(7).Load(path));
        Assert.Equal($"{path}: metadata 'run.policy': expected Adaptive (the trainer's policy), got 'Scheduled'", error.Message);
    }

    [Fact]
    public void A_model_checkpoint_alone_is_not_a_run_checkpoint()
    {
        TokenRun run = NewRun(42);
        string path = PathOf("model.safetensors");
        ModelCheckpoint.Save(path, run.Model, run.Trainer.Trainer.Optimizer, run.Trainer.Masks);
        AssertRefused(path, "metadata 'run.version': ", "expected 1 (a run checkpoint; a model checkpoint has no run state), got none");
    }

    [Fact]
    public void A_run_checkpoint_loads_as_a_model_checkpoint_for_evaluation()
    {
        TokenRun saved = NewRun(42);
        saved.Steps(Steps);
        string path = PathOf("run.safetensors");
        saved.Save(path);

        TokenRun loaded = NewRun(7);
        ModelCheckpoint.Load(path, loaded.Model);
        for (int i = 0; i < saved.Model.Parameters.Count; i++)
            CheckpointRun.AssertBits(saved.Model.Parameters[i].Value, loaded.Model.Parameters[i].Value, saved.Model.Parameters[i].Name);
    }

    [Fact]
    public void Caller_metadata_may_not_use_the_run_namespace()
    {
        TokenRun run = NewRun(42);
        var error = Assert.Throws<ArgumentException>(() => run.Save(PathOf("x.safetensors"), new Dictionary<string, string> { ["run.step"] = "1" }));
        Assert.Contains("'run.step' is reserved", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_state_gives_the_same_bytes_and_the_state_reads_as_written()
    {
        TokenRun run = NewRun(42);
        run.Steps(Steps);
        byte[] first = Bytes(run), second = Bytes(run);
        Assert.Equal(first, second);

        SafetensorsFile file = SafetensorsFile.Read(first);
        Assert.Equal("Adaptive", file.Metadata["run.policy"]);
        Assert.Equal("40", file.Metadata["run.trainer.step"]);
        Assert.Equal("0.05", file.Metadata["run.trainer.base_sigma"]);
        Assert.Equal(run.Pool.EntropyPump.Position.ToString(CultureInfo.InvariantCulture), file.Metadata["run.noise.entropy_pump.position"]);
        Assert.Equal(run.Pool.InputNoise.Position.ToString(CultureInfo.InvariantCulture), file.Metadata["run.sampler.noise.position"]);
        Assert.Equal("2", file.Metadata["run.noise.entropy_pump.stream"]);
        Assert.Equal("704", file.Metadata["run.sampler.position"]); // 40 − 29 = 11 batches of 64 into the second epoch
        Assert.Equal("1", file.Metadata["run.sampler.epoch"]);
        Assert.Matches("^[0-9a-f]{16}(,[0-9a-f]{16}){3}$", file.Metadata["run.sampler.random"]);
        Assert.Equal(SafetensorsDtype.I32, file.GetTensorInfo("run.sampler.order").Dtype);
        Assert.Equal([1800], file.GetTensorInfo("run.sampler.order").Shape);
        Assert.Equal(SafetensorsDtype.F64, file.GetTensorInfo("run.controller.window").Dtype);
        Assert.Equal(run.Schedule.ExportState().Order, MemoryMarshal.Cast<byte, int>(file.GetBytes("run.sampler.order")).ToArray());
        Assert.Equal(run.Trainer.Controller!.ExportState().Window, MemoryMarshal.Cast<byte, double>(file.GetBytes("run.controller.window")).ToArray());

        static byte[] Bytes(TokenRun run)
        {
            using var stream = new MemoryStream();
            RunCheckpoint.CreateWriter(run.Trainer, run.Schedule, null).WriteTo(stream);
            return stream.ToArray();
        }
    }

    /// <summary>Loads <paramref name="path"/> into a fresh run, expects the one-line message, and that nothing of the run moved.</summary>
    private static void AssertRefused(string path, string subject, string expected)
    {
        TokenRun target = NewRun(7);
        target.Steps(3); // not the initial state, so that a partial restore would show
        string before = Fingerprint(target);
        var error = Assert.Throws<UserInputException>(() => target.Load(path));
        Assert.True(error.Message.StartsWith($"{path}: {subject}", StringComparison.Ordinal) && error.Message.Contains(expected, StringComparison.Ordinal),
            $"expected '{path}: {subject}…{expected}…', got '{error.Message}'");
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(before, Fingerprint(target));
    }

    /// <summary>Every part of a run a load writes, as text: parameters, masks and optimizer state bit by bit, then the run state.</summary>
    private static string Fingerprint(ResumableRun run)
    {
        var text = new StringBuilder();
        var optimizer = run.Trainer.Trainer.Optimizer;
        for (int i = 0; i < run.Model.Parameters.Count; i++)
        {
            Append(run.Model.Parameters[i].Value);
            if (run.Trainer.WorkingMasks is { } masks && masks.IsMasked(i))
                Append(masks.Keep(i));
            for (int s = 0; s < optimizer.StateNames.Count; s++)
                Append(optimizer.GetState(i, s));
        }

        var trainer = run.Trainer.ExportState();
        var schedule = run.Schedule.ExportState();
        var controller = run.Trainer.Controller!.ExportState();
        text.Append(CultureInfo.InvariantCulture, $"|{optimizer.StepCount}|{optimizer.LearningRate:R}|{trainer with { Random = default }}|{RunStateText.Format(trainer.Random)}");
        text.Append(CultureInfo.InvariantCulture, $"|{string.Join(',', schedule.Order)}|{schedule with { Order = [], Random = default }}|{RunStateText.Format(schedule.Random)}");
        text.Append(CultureInfo.InvariantCulture, $"|{string.Join(',', controller.Window)}|{controller with { Window = [] }}");
        foreach (NormalGenerator generator in new[] { run.Pool.InputNoise, run.Pool.EntropyPump, run.Pool.Surge, run.Schedule.Noise })
            text.Append(CultureInfo.InvariantCulture, $"|{generator.Seed},{generator.Stream},{generator.Position}");
        return text.ToString();

        void Append(ReadOnlySpan<float> values)
        {
            foreach (int bits in MemoryMarshal.Cast<float, int>(values))
                text.Append(CultureInfo.InvariantCulture, $"{bits:x8}");
            text.Append('|');
        }
    }

    /// <summary>Writes a copy of the checkpoint at <paramref name="path"/> with its metadata and tensors (float[], int[] or double[]) edited.</summary>
    private string Rewrite(string path, Action<Dictionary<string, string>>? metadata = null, Action<Dictionary<string, Array>>? tensors = null)
    {
        SafetensorsFile file = SafetensorsFile.Read(path);
        var entries = file.Metadata.ToDictionary();
        metadata?.Invoke(entries);
        var values = new Dictionary<string, Array>(StringComparer.Ordinal);
        foreach (SafetensorsTensorInfo info in file.Tensors)
        {
            ReadOnlySpan<byte> bytes = file.GetBytes(info.Name);
            values[info.Name] = info.Dtype switch
            {
                SafetensorsDtype.F32 => MemoryMarshal.Cast<byte, float>(bytes).ToArray(),
                SafetensorsDtype.I32 => MemoryMarshal.Cast<byte, int>(bytes).ToArray(),
                SafetensorsDtype.F64 => MemoryMarshal.Cast<byte, double>(bytes).ToArray(),
                _ => throw new InvalidOperationException(info.Dtype.ToString()),
            };
        }

        tensors?.Invoke(values);
        var writer = new SafetensorsWriter();
        foreach (KeyValuePair<string, string> entry in entries)
            writer.AddMetadata(entry.Key, entry.Value);
        foreach (KeyValuePair<string, Array> tensor in values)
        {
            // Same shape as before unless the edit changed the length: every tensor here is one- or two-dimensional.
            int[] shape = file.Contains(tensor.Key) && file.GetTensorInfo(tensor.Key).ElementCount == tensor.Value.Length
                ? [.. file.GetTensorInfo(tensor.Key).Shape]
                : [tensor.Value.Length];
            switch (tensor.Value)
            {
                case float[] floats: writer.Add(tensor.Key, shape, floats); break;
                case int[] ints: writer.AddInt32(tensor.Key, shape, ints); break;
                case double[] doubles: writer.AddFloat64(tensor.Key, shape, doubles); break;
            }
        }

        string edited = PathOf("edited.safetensors");
        writer.Save(edited);
        return edited;
    }
}
