using System.Globalization;
using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Optimizers;
using SurgeCollapse.Simd.Sparsity;
using static SurgeCollapse.Simd.Checkpoints.SafetensorsMessages;

namespace SurgeCollapse.Simd.Checkpoints;

/// <summary>
/// Saves and restores everything a training run needs to resume bit for bit: the model's weights and biases, the
/// sparsity masks and the optimizer's state (buffers, step count, learning rate), as one safetensors file with the
/// names of <see cref="CheckpointNames"/> (SPEC §7) and string metadata. Loading checks the whole file against the
/// model, optimizer and masks it is loaded into before changing any of them, so a refused checkpoint leaves them as
/// they were.
/// </summary>
/// <remarks>
/// The optimizer's hyper-parameters other than the learning rate (betas, momentum, weight decay) are the caller's to
/// rebuild; the learning rate is restored because a schedule may have moved it, as PyTorch's
/// <c>Optimizer.load_state_dict</c> restores its parameter groups.
/// </remarks>
public static class ModelCheckpoint
{
    /// <summary>
    /// Writes the checkpoint to <paramref name="path"/> atomically: a crash leaves the old file or the complete new
    /// one (<see cref="SafetensorsWriter.Save"/>).
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="model">The model whose weights and biases are saved.</param>
    /// <param name="optimizer">The optimizer whose state is saved; null to save none.</param>
    /// <param name="masks">The masks to save; null to save none.</param>
    /// <param name="metadata">The caller's string metadata (seed, policy, …); its keys may not be <see cref="CheckpointNames.ReservedMetadataKeys"/>.</param>
    /// <exception cref="UserInputException">The file cannot be written.</exception>
    /// <exception cref="ArgumentException">The optimizer or masks belong to another model, or a metadata key is reserved.</exception>
    public static void Save(string path, Mlp model, Optimizer? optimizer = null, SparsityMasks? masks = null,
        IReadOnlyDictionary<string, string>? metadata = null) =>
        CreateWriter(model, optimizer, masks, metadata).Save(path);

    /// <summary>Collects the checkpoint's tensors and metadata into a writer, for <see cref="SafetensorsWriter.WriteTo"/> or <see cref="SafetensorsWriter.Save"/>.</summary>
    /// <param name="model">The model whose weights and biases are saved.</param>
    /// <param name="optimizer">The optimizer whose state is saved; null to save none.</param>
    /// <param name="masks">The masks to save; null to save none.</param>
    /// <param name="metadata">The caller's string metadata; its keys may not be <see cref="CheckpointNames.ReservedMetadataKeys"/>.</param>
    /// <exception cref="ArgumentException">The optimizer or masks belong to another model, or a metadata key is reserved.</exception>
    public static SafetensorsWriter CreateWriter(Mlp model, Optimizer? optimizer = null, SparsityMasks? masks = null,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        var layout = new CheckpointLayout(model, optimizer, masks);
        var writer = new SafetensorsWriter();
        writer.AddMetadata(CheckpointNames.Format, "pt");
        writer.AddMetadata(CheckpointNames.Version, CheckpointNames.CurrentVersion);
        writer.AddMetadata(CheckpointNames.ModelSizes, string.Join(',', model.Sizes));
        if (optimizer is not null)
        {
            writer.AddMetadata(CheckpointNames.OptimizerType, optimizer.GetType().Name);
            writer.AddMetadata(CheckpointNames.OptimizerStep, optimizer.StepCount.ToString(CultureInfo.InvariantCulture));
            writer.AddMetadata(CheckpointNames.OptimizerLearningRate, optimizer.LearningRate.ToString("R", CultureInfo.InvariantCulture));
        }

        // Sorted, so that the same state and metadata always give the same bytes.
        foreach (KeyValuePair<string, string> entry in (metadata ?? new Dictionary<string, string>()).OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            if (CheckpointNames.ReservedMetadataKeys.Contains(entry.Key))
                throw new ArgumentException($"metadata key '{entry.Key}' is reserved for the checkpoint itself", nameof(metadata));
            writer.AddMetadata(entry.Key, entry.Value);
        }

        foreach (CheckpointTensor tensor in layout.Tensors)
            writer.Add(tensor.Name, layout.ShapeOf(tensor), layout.ValuesOf(tensor));
        return writer;
    }

    /// <summary>Reads the checkpoint at <paramref name="path"/> into the model, and into the optimizer and masks when given.</summary>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="model">Receives the weights and biases.</param>
    /// <param name="optimizer">Receives the state buffers, the step count and the learning rate; null to skip them.</param>
    /// <param name="masks">Receive the masks; null to skip them.</param>
    /// <returns>The file's whole metadata map: the caller's entries and the checkpoint's own.</returns>
    /// <exception cref="UserInputException">The file cannot be read, is not valid safetensors, or does not fit (see <see cref="Restore"/>).</exception>
    /// <exception cref="ArgumentException">The optimizer or masks belong to another model.</exception>
    public static IReadOnlyDictionary<string, string> Load(string path, Mlp model, Optimizer? optimizer = null, SparsityMasks? masks = null) =>
        Restore(SafetensorsFile.Read(path), model, optimizer, masks);

    /// <summary>
    /// Restores a checkpoint already read. Every tensor of the model — and of the optimizer state and masks when they
    /// are given — must be present as F32 with its parameter's shape, masks must hold only 0 and 1, and the file may
    /// hold no other tensor (optimizer state and masks that were not asked for are skipped, and so is the run state of a
    /// <see cref="RunCheckpoint"/>). Nothing is changed
    /// unless all of it holds.
    /// </summary>
    /// <param name="file">The checkpoint.</param>
    /// <param name="model">Receives the weights and biases.</param>
    /// <param name="optimizer">Receives the state buffers, the step count and the learning rate; null to skip them.</param>
    /// <param name="masks">Receive the masks; null to skip them.</param>
    /// <returns>The file's whole metadata map: the caller's entries and the checkpoint's own.</returns>
    /// <exception cref="UserInputException">The file does not fit the model, optimizer or masks; the one-line message names the file, the tensor and expected vs got.</exception>
    /// <exception cref="ArgumentException">The optimizer or masks belong to another model.</exception>
    public static IReadOnlyDictionary<string, string> Restore(SafetensorsFile file, Mlp model, Optimizer? optimizer = null, SparsityMasks? masks = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        var layout = new CheckpointLayout(model, optimizer, masks);
        string source = file.SourceName;
        if (file.Metadata.TryGetValue(CheckpointNames.Version, out string? version) && version != CheckpointNames.CurrentVersion)
            throw Error(source, $"metadata '{CheckpointNames.Version}': expected {CheckpointNames.CurrentVersion}, got {Quote(version)}");
        (long step, double learningRate) = optimizer is null ? default : ReadOptimizerMetadata(file, optimizer);

        var values = new float[layout.Tensors.Count][];
        for (int t = 0; t < values.Length; t++)
            values[t] = ReadTensor(file, layout, layout.Tensors[t]);
        // Expected tensors first: a model of other sizes is then reported as a shape, the clearer message.
        var expected = new HashSet<string>(layout.Tensors.Select(tensor => tensor.Name), StringComparer.Ordinal);
        foreach (SafetensorsTensorInfo info in file.Tensors)
        {
            if (!expected.Contains(info.Name) && !layout.MayIgnore(info.Name))
                throw Error(source, $"tensor {Quote(info.Name)}: expected no tensor of that name, got one (it is no part of {layout.OwnerOf(info.Name)})");
        }

        // Only now that everything fits is anything overwritten.
        for (int t = 0; t < values.Length; t++)
            layout.Restore(layout.Tensors[t], values[t]);
        if (optimizer is not null)
        {
            optimizer.RestoreStepCount(step);
            optimizer.LearningRate = learningRate;
        }

        return file.Metadata;
    }

    private static float[] ReadTensor(SafetensorsFile file, CheckpointLayout layout, CheckpointTensor tensor)
    {
        string source = file.SourceName;
        string name = Quote(tensor.Name);
        if (!file.Contains(tensor.Name))
            throw Error(source, $"tensor {name}: expected one for {layout.OwnerOf(tensor.Name)}, got none");
        SafetensorsTensorInfo info = file.GetTensorInfo(tensor.Name);
        if (info.Dtype != SafetensorsDtype.F32)
            throw Error(source, $"tensor {name}: field 'dtype': expected F32, got {SafetensorsDtypes.HeaderName(info.Dtype)}");
        IReadOnlyList<int> shape = layout.ShapeOf(tensor);
        if (!info.Shape.SequenceEqual(shape))
        {
            string saved = file.Metadata.TryGetValue(CheckpointNames.ModelSizes, out string? sizes) ? $"; the checkpoint's model is [{sizes.Replace(",", ", ", StringComparison.Ordinal)}]" : "";
            throw Error(source, $"tensor {name}: field 'shape': expected [{string.Join(", ", shape)}] for {layout.ModelDescription}, got [{string.Join(", ", info.Shape)}]{saved}");
        }

        float[] values = file.GetFloat32(tensor.Name);
        if (tensor.Role == CheckpointRole.Mask)
        {
            int bad = Array.FindIndex(values, value => value is not (0f or 1f));
            if (bad >= 0)
                throw Error(source, $"tensor {name}: expected a mask of 0 and 1, got {values[bad].ToString("R", CultureInfo.InvariantCulture)} at index {bad}");
        }

        return values;
    }

    private static (long Step, double LearningRate) ReadOptimizerMetadata(SafetensorsFile file, Optimizer optimizer)
    {
        string source = file.SourceName;
        string type = optimizer.GetType().Name;
        string typeText = Metadata(file, CheckpointNames.OptimizerType, $"{type} (the optimizer being restored)", "none: the checkpoint holds no optimizer state");
        if (typeText != type)
            throw Error(source, $"metadata '{CheckpointNames.OptimizerType}': expected {type} (the optimizer being restored), got {Quote(typeText)}");

        string stepText = Metadata(file, CheckpointNames.OptimizerStep, "a non-negative integer", "none");
        if (!long.TryParse(stepText, NumberStyles.None, CultureInfo.InvariantCulture, out long step))
            throw Error(source, $"metadata '{CheckpointNames.OptimizerStep}': expected a non-negative integer, got {Quote(stepText)}");

        string rateText = Metadata(file, CheckpointNames.OptimizerLearningRate, "a finite non-negative number", "none");
        if (!double.TryParse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out double learningRate) || !double.IsFinite(learningRate) || learningRate < 0)
            throw Error(source, $"metadata '{CheckpointNames.OptimizerLearningRate}': expected a finite non-negative number, got {Quote(rateText)}");
        return (step, learningRate);
    }

    private static string Metadata(SafetensorsFile file, string key, string expected, string gotWhenMissing) =>
        file.Metadata.TryGetValue(key, out string? value)
            ? value
            : throw Error(file.SourceName, $"metadata '{key}': expected {expected}, got {gotWhenMissing}");
}
