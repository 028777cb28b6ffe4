using SurgeCollapse.Simd.Model;

namespace SurgeCollapse.Simd.Checkpoints;

/// <summary>
/// The names <see cref="ModelCheckpoint"/> gives tensors and metadata. Parameters keep PyTorch's <c>state_dict</c>
/// names (<c>layers.{i}.weight</c>, <c>layers.{i}.bias</c>, SPEC §7) so a checkpoint loads into an
/// <c>nn.Sequential</c>-like module as is; masks and optimizer state sit beside them under names no PyTorch module uses.
/// </summary>
public static class CheckpointNames
{
    /// <summary>
    /// Metadata key <c>format</c>, always <c>pt</c>: Hugging Face loaders refuse a safetensors file without it, and the
    /// tensors are in PyTorch's layout (a weight is <c>[out, in]</c>).
    /// </summary>
    public const string Format = "format";

    /// <summary>Metadata key of the checkpoint layout's version, <see cref="CurrentVersion"/>.</summary>
    public const string Version = "checkpoint.version";

    /// <summary>The layout version this engine writes and reads.</summary>
    public const string CurrentVersion = "1";

    /// <summary>Metadata key of the model's layer widths, input first, comma-separated (<c>128,256,128</c>); informative.</summary>
    public const string ModelSizes = "model.sizes";

    /// <summary>Metadata key of the optimizer's type name (<c>Adam</c>, <c>Sgd</c>); absent when no optimizer was saved.</summary>
    public const string OptimizerType = "optimizer.type";

    /// <summary>Metadata key of the optimizer's <see cref="Optimizers.Optimizer.StepCount"/>, a decimal integer.</summary>
    public const string OptimizerStep = "optimizer.step";

    /// <summary>Metadata key of the optimizer's learning rate, in the round-trip format of a double.</summary>
    public const string OptimizerLearningRate = "optimizer.learning_rate";

    private const string OptimizerPrefix = "optimizer.";
    private const string RunPrefix = "run.";
    private const string WeightMaskSuffix = ".mask";
    private const string BiasMaskSuffix = ".bias_mask";

    /// <summary>The metadata keys a checkpoint sets itself; a caller's metadata may not use them.</summary>
    public static IReadOnlyList<string> ReservedMetadataKeys { get; } =
        [Format, Version, ModelSizes, OptimizerType, OptimizerStep, OptimizerLearningRate];

    /// <summary>
    /// The mask of a parameter: <c>layers.{i}.mask</c> for the weight (SPEC §7), <c>layers.{i}.bias_mask</c> for the
    /// bias — the name of the tensor it masks with its last part replaced, as a mask is 1 where the value is active.
    /// </summary>
    public static string MaskOf(Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        string layer = parameter.Name[..parameter.Name.LastIndexOf('.')];
        return layer + (parameter.IsWeight ? WeightMaskSuffix : BiasMaskSuffix);
    }

    /// <summary>An optimizer state buffer: <c>optimizer.{parameter}.{state}</c>, e.g. <c>optimizer.layers.0.weight.exp_avg</c>.</summary>
    public static string OptimizerStateOf(Parameter parameter, string stateName)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        return $"{OptimizerPrefix}{parameter.Name}.{stateName}";
    }

    /// <summary>True for a name in the optimizer state's namespace.</summary>
    internal static bool IsOptimizerState(string name) => name.StartsWith(OptimizerPrefix, StringComparison.Ordinal);

    /// <summary>True for a tensor or metadata name of a run's state (<see cref="RunCheckpoint"/>), which a model checkpoint skips.</summary>
    internal static bool IsRunState(string name) => name.StartsWith(RunPrefix, StringComparison.Ordinal);

    /// <summary>True for a name in the masks' namespace.</summary>
    internal static bool IsMask(string name) =>
        !IsOptimizerState(name) && !IsRunState(name) &&
        (name.EndsWith(WeightMaskSuffix, StringComparison.Ordinal) || name.EndsWith(BiasMaskSuffix, StringComparison.Ordinal));
}
