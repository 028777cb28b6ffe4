using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Noise;
using SurgeCollapse.Simd.Training;
using static SurgeCollapse.Simd.Checkpoints.RunStateNames;
using static SurgeCollapse.Simd.Checkpoints.SafetensorsMessages;

namespace SurgeCollapse.Simd.Checkpoints;

/// <summary>
/// Saves and restores a whole training run, so that a run stopped after N steps and resumed for M more gives the same
/// losses, events and weights, bit for bit, as N + M steps in one go: the <see cref="ModelCheckpoint"/> of the model,
/// optimizer and masks, plus the run's state under names that start with <c>run.</c> — the dynamics trainer's step
/// count, σ in effect, last action and surge generator; the adaptive controller; the positions of the noise streams;
/// the batch sampler's epoch order, position, counters and shuffle generator. One safetensors file, written atomically.
/// </summary>
/// <remarks>
/// <para>
/// The file is a model checkpoint too: <see cref="ModelCheckpoint.Load"/> reads its weights and skips the run state.
/// The two arrays are tensors: the sampler's order <c>run.sampler.order</c> (I32, <c>[samples]</c>) and the
/// controller's window <c>run.controller.window</c> (F64, <c>[PlateauWindowSteps]</c>). Every scalar is a metadata
/// string in invariant round-trip form (<c>R</c> for doubles, decimal for integers). A xoshiro256** state is one
/// string of four 16-digit hexadecimal words: it is an opaque value rather than an array, and a U64 tensor would be
/// the only one of that dtype, which not every safetensors loader maps (PyTorch has had <c>uint64</c> only lately).
/// A noise stream is its seed, stream id and position, so a run rebuilt from another seed still continues the saved
/// numbers.
/// </para>
/// <para>
/// What the caller rebuilds is checked rather than restored: the policy, the trainer's base σ, the sampler's batch
/// size and noise σ, the training set's size, the model's sizes and the window length must match the file; the other
/// options (learning-rate schedule aside, as <see cref="ModelCheckpoint"/> does) are the caller's. Events not yet
/// drained when the run is saved are not saved: drain them first. Loading checks the whole file before it changes
/// anything, so a refused file leaves the trainer, model, optimizer, masks, noise and sampler as they were.
/// </para>
/// </remarks>
public static class RunCheckpoint
{
    /// <summary>Writes the run to <paramref name="path"/> atomically (<see cref="SafetensorsWriter.Save"/>).</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="trainer">The run's dynamics trainer: its model, optimizer, masks, controller and noise pool.</param>
    /// <param name="sampler">The run's batch sampler (<see cref="BatchSampler"/> or <see cref="TokenBatchSampler"/>).</param>
    /// <param name="metadata">The caller's string metadata; no key may start with <c>run.</c> or be one of <see cref="CheckpointNames.ReservedMetadataKeys"/>.</param>
    /// <exception cref="UserInputException">The file cannot be written.</exception>
    /// <exception cref="ArgumentException">A metadata key is reserved.</exception>
    public static void Save(string path, SurgeCollapseTrainer trainer, EpochSampler sampler, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        CreateWriter(trainer, sampler.Schedule, metadata).Save(path);
    }

    /// <summary>Restores the run saved at <paramref name="path"/> into a trainer and sampler built with the same options.</summary>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="trainer">Receives the model, optimizer, masks, controller, noise and its own state.</param>
    /// <param name="sampler">Receives the epoch order, position, counters and generators.</param>
    /// <returns>The file's whole metadata map: the caller's entries and the checkpoint's own.</returns>
    /// <exception cref="UserInputException">The file cannot be read, is not valid safetensors, or does not fit the run; the one-line message names the file, the key and expected vs got. Nothing is changed then.</exception>
    public static IReadOnlyDictionary<string, string> Load(string path, SurgeCollapseTrainer trainer, EpochSampler sampler)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        return Restore(SafetensorsFile.Read(path), trainer, sampler.Schedule);
    }

    /// <summary>The run's tensors and metadata in a writer: the model checkpoint's, then the run state's.</summary>
    internal static SafetensorsWriter CreateWriter(SurgeCollapseTrainer trainer, BatchSchedule schedule, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        foreach (string key in metadata?.Keys ?? [])
        {
            if (CheckpointNames.IsRunState(key))
                throw new ArgumentException($"metadata key '{key}' is reserved for the run's state", nameof(metadata));
        }

        SafetensorsWriter writer = ModelCheckpoint.CreateWriter(trainer.Trainer.Model, trainer.Trainer.Optimizer, trainer.WorkingMasks, metadata);
        writer.AddMetadata(LayoutVersion, CurrentLayoutVersion);
        writer.AddMetadata(Policy, trainer.Options.Policy.ToString());

        SurgeCollapseTrainerState state = trainer.ExportState();
        writer.AddMetadata(TrainerStep, RunStateText.Format(state.StepCount));
        writer.AddMetadata(TrainerBaseSigma, RunStateText.Format(trainer.BaseSigma));
        writer.AddMetadata(TrainerInputSigma, RunStateText.Format(state.InputSigma));
        writer.AddMetadata(TrainerLastAction, state.LastAction.ToString());
        writer.AddMetadata(TrainerRandom, RunStateText.Format(state.Random));

        NoisePool noise = trainer.Noise;
        AddStream(writer, InputNoise, noise.InputNoise);
        AddStream(writer, EntropyPump, noise.EntropyPump);
        AddStream(writer, SurgeNoise, noise.Surge);

        BatchScheduleState sampler = schedule.ExportState();
        writer.AddMetadata(SamplerBatchSize, RunStateText.Format(schedule.BatchSize));
        writer.AddMetadata(SamplerNoiseSigma, RunStateText.Format(schedule.NoiseStandardDeviation));
        writer.AddMetadata(SamplerPosition, RunStateText.Format(sampler.Position));
        writer.AddMetadata(SamplerEpoch, RunStateText.Format(sampler.Epoch));
        writer.AddMetadata(SamplerStep, RunStateText.Format(sampler.Step));
        writer.AddMetadata(SamplerRandom, RunStateText.Format(sampler.Random));
        // Usually the pool's input stream again; saved on its own for a sampler that owns its stream.
        AddStream(writer, SamplerNoise, schedule.Noise);
        writer.AddInt32(SamplerOrder, [sampler.Order.Length], sampler.Order);

        if (trainer.Controller is { } controller)
        {
            AdaptiveControllerState adaptive = controller.ExportState();
            writer.AddMetadata(ControllerAverageEntropy, RunStateText.Format(adaptive.AverageEntropy));
            writer.AddMetadata(ControllerPumpedSigma, RunStateText.Format(adaptive.PumpedSigma));
            writer.AddMetadata(ControllerLastRule, adaptive.LastRule.ToString());
            writer.AddMetadata(ControllerFilled, RunStateText.Format(adaptive.Filled));
            writer.AddMetadata(ControllerNext, RunStateText.Format(adaptive.Next));
            writer.AddMetadata(ControllerQuietUntil, RunStateText.Format(adaptive.QuietUntil));
            writer.AddFloat64(ControllerWindow, [adaptive.Window.Length], adaptive.Window);
        }

        return writer;
    }

    /// <summary>
    /// Restores a run checkpoint already read: the run state is read and checked first, then the model checkpoint is
    /// restored (which checks all of its part before writing any), and only then is the run state applied.
    /// </summary>
    internal static IReadOnlyDictionary<string, string> Restore(SafetensorsFile file, SurgeCollapseTrainer trainer, BatchSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(schedule);
        var read = new RunStateReader(file);
        string version = read.Text(LayoutVersion, $"{CurrentLayoutVersion} (a run checkpoint; a model checkpoint has no run state)");
        if (version != CurrentLayoutVersion)
            throw read.Fail(LayoutVersion, CurrentLayoutVersion, Quote(version));
        string policy = read.Text(Policy, $"{trainer.Options.Policy} (the trainer's policy)");
        if (policy != trainer.Options.Policy.ToString())
            throw read.Fail(Policy, $"{trainer.Options.Policy} (the trainer's policy)", Quote(policy));
        CheckNoOtherRunTensors(file, trainer.Controller is not null);

        double baseSigma = read.Double(TrainerBaseSigma, finiteNonNegative: true);
        if (baseSigma != trainer.BaseSigma)
            throw read.Fail(TrainerBaseSigma, $"{RunStateText.Format(trainer.BaseSigma)} (the trainer's input sigma)", Quote(RunStateText.Format(baseSigma)));
        var state = new SurgeCollapseTrainerState(
            read.Long(TrainerStep, 0),
            read.Double(TrainerInputSigma, finiteNonNegative: true),
            read.Enum<DynamicsAction>(TrainerLastAction, action => (action & ~(DynamicsAction.Collapse | DynamicsAction.Surge | DynamicsAction.Pump)) == 0,
                "None or Collapse, Surge, Pump joined by ', '"),
            read.Random(TrainerRandom));

        NoisePool noise = trainer.Noise;
        var inputNoise = read.Stream(InputNoise, noise.InputNoise);
        var entropyPump = read.Stream(EntropyPump, noise.EntropyPump);
        var surgeNoise = read.Stream(SurgeNoise, noise.Surge);

        BatchScheduleState sampler = ReadSampler(read, schedule);
        var samplerNoise = read.Stream(SamplerNoise, schedule.Noise);
        AdaptiveControllerState? adaptive = trainer.Controller is { } controller ? ReadController(read, controller) : null;

        IReadOnlyDictionary<string, string> metadata = ModelCheckpoint.Restore(file, trainer.Trainer.Model, trainer.Trainer.Optimizer, trainer.WorkingMasks);

        // Everything fits: nothing below can fail.
        trainer.ImportState(state);
        noise.InputNoise.Restore(inputNoise.Seed, inputNoise.Position);
        noise.EntropyPump.Restore(entropyPump.Seed, entropyPump.Position);
        noise.Surge.Restore(surgeNoise.Seed, surgeNoise.Position);
        schedule.ImportState(sampler);
        schedule.Noise.Restore(samplerNoise.Seed, samplerNoise.Position);
        if (adaptive is { } controllerState)
            trainer.Controller!.ImportState(controllerState);
        return metadata;
    }

    private static void AddStream(SafetensorsWriter writer, string prefix, NormalGenerator generator)
    {
        writer.AddMetadata(prefix + SeedSuffix, RunStateText.Format(generator.Seed));
        writer.AddMetadata(prefix + StreamSuffix, RunStateText.Format(generator.Stream));
        writer.AddMetadata(prefix + PositionSuffix, RunStateText.Format(generator.Position));
    }

    private static BatchScheduleState ReadSampler(RunStateReader read, BatchSchedule schedule)
    {
        int batchSize = (int)read.Long(SamplerBatchSize, 1);
        if (batchSize != schedule.BatchSize)
            throw read.Fail(SamplerBatchSize, $"{schedule.BatchSize} (the sampler's batch size)", Quote(RunStateText.Format(batchSize)));
        double sigma = read.Double(SamplerNoiseSigma, finiteNonNegative: true);
        if ((float)sigma != schedule.NoiseStandardDeviation)
            throw read.Fail(SamplerNoiseSigma, $"{RunStateText.Format(schedule.NoiseStandardDeviation)} (the sampler's input noise sigma)", Quote(RunStateText.Format(sigma)));

        int count = schedule.Count;
        int[] order = read.Int32s(SamplerOrder, count, $"the sampler's {count} training samples");
        // A permutation: every index once. A repeated or out-of-range index would skip samples or read past the data.
        var seen = new bool[count];
        for (int i = 0; i < order.Length; i++)
        {
            int sample = order[i];
            if (sample < 0 || sample >= count || seen[sample])
                throw read.FailTensor(SamplerOrder, $"a permutation of 0..{count - 1}", $"{sample} at index {i}{(sample >= 0 && sample < count ? " a second time" : "")}");
            seen[sample] = true;
        }

        return new BatchScheduleState(order, read.Int(SamplerPosition, 0, count), read.Int(SamplerEpoch, 0, int.MaxValue),
            read.Long(SamplerStep, 0), read.Random(SamplerRandom));
    }

    private static AdaptiveControllerState ReadController(RunStateReader read, AdaptiveController controller)
    {
        int windowSteps = controller.Options.PlateauWindowSteps;
        var state = new AdaptiveControllerState(
            read.Double(ControllerAverageEntropy, finiteNonNegative: false),
            read.Double(ControllerPumpedSigma, finiteNonNegative: true),
            read.Enum<DynamicsRule>(ControllerLastRule, Enum.IsDefined, string.Join(", ", Enum.GetNames<DynamicsRule>())),
            read.Float64s(ControllerWindow, windowSteps, $"the controller's window of {windowSteps} steps (PlateauWindowSteps)"),
            read.Int(ControllerFilled, 0, windowSteps),
            read.Int(ControllerNext, 0, windowSteps - 1),
            read.Long(ControllerQuietUntil));
        // Filled and next must describe one ring: until it is full, the next entry is the first empty one.
        if (state.Problem(windowSteps) is { } problem)
            throw Error(read.Source, $"metadata {Quote(ControllerNext)}: {problem}");
        return state;
    }

    /// <summary>A run-state tensor of a part this run does not have (the controller's window without a controller) or of no part at all.</summary>
    private static void CheckNoOtherRunTensors(SafetensorsFile file, bool hasController)
    {
        foreach (SafetensorsTensorInfo info in file.Tensors)
        {
            if (CheckpointNames.IsRunState(info.Name) && info.Name != SamplerOrder && !(hasController && info.Name == ControllerWindow))
                throw Error(file.SourceName, $"tensor {Quote(info.Name)}: expected no tensor of that name, got one (it is no part of this run's state)");
        }
    }
}
