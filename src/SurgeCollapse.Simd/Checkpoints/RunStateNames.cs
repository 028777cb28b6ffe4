namespace SurgeCollapse.Simd.Checkpoints;

/// <summary>
/// The names <see cref="RunCheckpoint"/> gives the run's state, all under <c>run.</c>, a prefix no PyTorch module
/// uses and <see cref="ModelCheckpoint"/> skips. Scalars are metadata strings in invariant round-trip form; the two
/// arrays are tensors.
/// </summary>
internal static class RunStateNames
{
    /// <summary>The run-state layout's version, <see cref="CurrentLayoutVersion"/>.</summary>
    internal const string LayoutVersion = "run.version";

    /// <summary>The layout version this engine writes and reads.</summary>
    internal const string CurrentLayoutVersion = "1";

    /// <summary>The policy (<c>Baseline</c>, <c>Notebook</c>, <c>Scheduled</c>, <c>Adaptive</c>); must match the trainer's.</summary>
    internal const string Policy = "run.policy";

    internal const string TrainerStep = "run.trainer.step";
    internal const string TrainerBaseSigma = "run.trainer.base_sigma";
    internal const string TrainerInputSigma = "run.trainer.input_sigma";
    internal const string TrainerLastAction = "run.trainer.last_action";
    internal const string TrainerRandom = "run.trainer.random";

    /// <summary>The prefixes of the three noise streams of the pool; each has <see cref="SeedSuffix"/>, <see cref="StreamSuffix"/> and <see cref="PositionSuffix"/>.</summary>
    internal const string InputNoise = "run.noise.input_noise";
    internal const string EntropyPump = "run.noise.entropy_pump";
    internal const string SurgeNoise = "run.noise.surge";
    internal const string SeedSuffix = ".seed";
    internal const string StreamSuffix = ".stream";
    internal const string PositionSuffix = ".position";

    internal const string SamplerBatchSize = "run.sampler.batch_size";
    internal const string SamplerNoiseSigma = "run.sampler.noise_sigma";
    internal const string SamplerPosition = "run.sampler.position";
    internal const string SamplerEpoch = "run.sampler.epoch";
    internal const string SamplerStep = "run.sampler.step";
    internal const string SamplerRandom = "run.sampler.random";

    /// <summary>The prefix of the sampler's own noise stream (the pool's input stream when the run shares it).</summary>
    internal const string SamplerNoise = "run.sampler.noise";

    /// <summary>Tensor, I32 <c>[Count]</c>: the current epoch's order of the training samples.</summary>
    internal const string SamplerOrder = "run.sampler.order";

    internal const string ControllerAverageEntropy = "run.controller.average_entropy";
    internal const string ControllerPumpedSigma = "run.controller.pumped_sigma";
    internal const string ControllerLastRule = "run.controller.last_rule";
    internal const string ControllerFilled = "run.controller.filled";
    internal const string ControllerNext = "run.controller.next";
    internal const string ControllerQuietUntil = "run.controller.quiet_until";

    /// <summary>Tensor, F64 <c>[PlateauWindowSteps]</c>: the controller's ring of h̄.</summary>
    internal const string ControllerWindow = "run.controller.window";
}
