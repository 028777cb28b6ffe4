using SurgeCollapse.Simd.Checkpoints;
using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Optimizers;
using SurgeCollapse.Simd.Sparsity;
using Xunit;
using static SurgeCollapse.Simd.Tests.Checkpoints.CheckpointRun;

namespace SurgeCollapse.Simd.Tests.Checkpoints;

/// <summary>
/// One test per way a checkpoint can fail to fit what it is loaded into: each raises a one-line
/// <see cref="UserInputException"/> naming the file, the tensor or metadata key, expected and got — and changes nothing.
/// </summary>
public sealed class ModelCheckpointMismatchTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("checkpoint-mismatch-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Missing_weight()
    {
        string path = Rewrite(Save(new CheckpointRun(Adam, withMasks: false)), dropTensor: "layers.1.weight");
        AssertRefused(path, new CheckpointRun(Adam, withMasks: false, seed: 2), "tensor 'layers.1.weight'", "expected one for the model [6, 10, 4], got none");
    }

    [Fact]
    public void Missing_masks_when_masks_are_restored()
    {
        string path = Save(new CheckpointRun(Adam, withMasks: false));
        AssertRefused(path, new CheckpointRun(Adam, withMasks: true, seed: 2), "tensor 'layers.0.mask'", "expected one for the masks, got none");
    }

    [Fact]
    public void Missing_optimizer_buffer()
    {
        var run = new CheckpointRun(Adam, withMasks: false);
        run.Train(Batches(1));
        string path = Rewrite(Save(run), dropTensor: "optimizer.layers.1.bias.exp_avg_sq");
        AssertRefused(path, new CheckpointRun(Adam, withMasks: false, seed: 2), "tensor 'optimizer.layers.1.bias.exp_avg_sq'", "expected one for the Adam state, got none");
    }

    [Fact]
    public void Wrong_shape_names_both_models()
    {
        string path = Save(new CheckpointRun(Adam, withMasks: false));
        AssertRefused(path, new CheckpointRun(Adam, withMasks: false, seed: 2, sizes: [6, 12, 4]),
            "tensor 'layers.0.weight': field 'shape': expected [12, 6] for the model [6, 12, 4], got [10, 6]; the checkpoint's model is [6, 10, 4]");
    }

    [Fact]
    public void Wrong_dtype()
    {
        // The writer only writes F32, so the file is built by hand: a [1, 1] model whose bias is F16.
        string path = Path.Combine(_directory, "f16.safetensors");
        const string header = """{"layers.0.weight":{"dtype":"F32","shape":[1,1],"data_offsets":[0,4]},"layers.0.bias":{"dtype":"F16","shape":[1],"data_offsets":[4,6]}}""";
        File.WriteAllBytes(path, SafetensorsTestFiles.Build(header, 6));
        var model = new Mlp([1, 1], 1, seed: 1);
        var exception = Assert.Throws<UserInputException>(() => ModelCheckpoint.Load(path, model));
        SafetensorsTestFiles.AssertOneLine(exception, path, "tensor 'layers.0.bias': field 'dtype': expected F32, got F16");
    }

    [Fact]
    public void Extra_layer()
    {
        string path = Save(new CheckpointRun(Adam, withMasks: false));
        AssertRefused(path, new CheckpointRun(Adam, withMasks: false, seed: 2, sizes: [6, 10]),
            "tensor 'layers.1.weight': expected no tensor of that name, got one (it is no part of the model [6, 10])");
    }

    [Fact]
    public void Bias_masks_restored_into_weight_only_masks()
    {
        var saved = new CheckpointRun(Adam, withMasks: true);
        string path = Save(saved);
        var model = new Mlp(Sizes, Batch, seed: 2);
        var masks = new SparsityMasks(model.Parameters, includeBiases: false);
        var exception = Assert.Throws<UserInputException>(() => ModelCheckpoint.Load(path, model, masks: masks));
        SafetensorsTestFiles.AssertOneLine(exception, path, "tensor 'layers.0.bias_mask': expected no tensor of that name, got one (it is no part of the masks)");
    }

    [Fact]
    public void Other_optimizer_type()
    {
        string path = Save(new CheckpointRun(Adam, withMasks: false));
        AssertRefused(path, new CheckpointRun(SgdWithMomentum, withMasks: false, seed: 2),
            "metadata 'optimizer.type': expected Sgd (the optimizer being restored), got 'Adam'");
    }

    [Fact]
    public void No_optimizer_state_when_one_is_restored()
    {
        var saved = new CheckpointRun(Adam, withMasks: false);
        string path = Path.Combine(_directory, "weights.safetensors");
        ModelCheckpoint.Save(path, saved.Model);
        AssertRefused(path, new CheckpointRun(Adam, withMasks: false, seed: 2),
            "metadata 'optimizer.type': expected Adam (the optimizer being restored), got none: the checkpoint holds no optimizer state");
    }

    [Fact]
    public void Momentum_buffers_restored_into_sgd_without_momentum()
    {
        string path = Save(new CheckpointRun(SgdWithMomentum, withMasks: false));
        AssertRefused(path, new CheckpointRun(parameters => new Sgd(parameters), withMasks: false, seed: 2),
            "tensor 'optimizer.layers.0.weight.momentum_buffer': expected no tensor of that name, got one (it is no part of the Sgd state)");
    }

    [Fact]
    public void Mask_with_a_value_other_than_0_and_1()
    {
        string path = Rewrite(Save(new CheckpointRun(Adam, withMasks: true)), changeTensor: ("layers.1.mask", 3, 0.5f));
        AssertRefused(path, new CheckpointRun(Adam, withMasks: true, seed: 2), "tensor 'layers.1.mask': expected a mask of 0 and 1, got 0.5 at index 3");
    }

    [Theory]
    [InlineData("optimizer.step", "-1", "expected a non-negative integer, got '-1'")]
    [InlineData("optimizer.step", "1e3", "expected a non-negative integer, got '1e3'")]
    [InlineData("optimizer.learning_rate", "NaN", "expected a finite non-negative number, got 'NaN'")]
    [InlineData("optimizer.learning_rate", "-0.5", "expected a finite non-negative number, got '-0.5'")]
    [InlineData("checkpoint.version", "2", "expected 1, got '2'")]
    public void Bad_metadata(string key, string value, string message)
    {
        string path = Rewrite(Save(new CheckpointRun(Adam, withMasks: false)), changeMetadata: (key, value));
        AssertRefused(path, new CheckpointRun(Adam, withMasks: false, seed: 2), $"metadata '{key}': {message}");
    }

    [Theory]
    [InlineData("optimizer.step")]
    [InlineData("optimizer.learning_rate")]
    public void Missing_metadata(string key)
    {
        string path = Rewrite(Save(new CheckpointRun(Adam, withMasks: false)), dropMetadata: key);
        AssertRefused(path, new CheckpointRun(Adam, withMasks: false, seed: 2), $"metadata '{key}': expected ", "got none");
    }

    [Fact]
    public void Missing_file()
    {
        string path = Path.Combine(_directory, "absent.safetensors");
        var run = new CheckpointRun(Adam, withMasks: false);
        var exception = Assert.Throws<UserInputException>(() => ModelCheckpoint.Load(path, run.Model, run.Optimizer));
        SafetensorsTestFiles.AssertOneLine(exception, path, "expected a readable file");
    }

    private string Save(CheckpointRun run)
    {
        string path = Path.Combine(_directory, $"{Guid.NewGuid():N}.safetensors");
        ModelCheckpoint.Save(path, run.Model, run.Optimizer, run.Masks);
        return path;
    }

    /// <summary>A copy of a checkpoint with one tensor or metadata entry dropped or changed.</summary>
    private string Rewrite(string path, string? dropTensor = null, (string Name, int Index, float Value)? changeTensor = null,
        string? dropMetadata = null, (string Key, string Value)? changeMetadata = null)
    {
        SafetensorsFile file = SafetensorsFile.Read(path);
        var writer = new SafetensorsWriter();
        foreach ((string key, string value) in file.Metadata)
        {
            if (key != dropMetadata)
                writer.AddMetadata(key, key == changeMetadata?.Key ? changeMetadata.Value.Value : value);
        }

        foreach (SafetensorsTensorInfo tensor in file.Tensors)
        {
            float[] values = file.GetFloat32(tensor.Name);
            if (tensor.Name == changeTensor?.Name)
                values[changeTensor.Value.Index] = changeTensor.Value.Value;
            if (tensor.Name != dropTensor)
                writer.Add(tensor.Name, tensor.Shape, values);
        }

        string copy = Path.Combine(_directory, $"{Guid.NewGuid():N}.safetensors");
        writer.Save(copy);
        return copy;
    }

    /// <summary>Asserts the one-line refusal and that the run it was loaded into is untouched.</summary>
    private static void AssertRefused(string path, CheckpointRun target, params string[] fragments)
    {
        IReadOnlyList<Parameter> parameters = target.Model.Parameters;
        float[][] values = [.. parameters.Select(parameter => parameter.Value.ToArray())];
        float[][] masks = [.. parameters.Select((_, i) => target.Masks is null ? [] : target.Masks.Keep(i).ToArray())];
        var exception = Assert.Throws<UserInputException>(() => ModelCheckpoint.Load(path, target.Model, target.Optimizer, target.Masks));
        SafetensorsTestFiles.AssertOneLine(exception, path, fragments);
        for (int i = 0; i < parameters.Count; i++)
        {
            AssertBits(values[i], parameters[i].Value, parameters[i].Name);
            if (target.Masks is not null)
                AssertBits(masks[i], target.Masks.Keep(i), $"{parameters[i].Name} mask");
            // The fresh optimizer's state is all zeros; a partial restore would have left something else.
            for (int s = 0; s < target.Optimizer.StateNames.Count; s++)
                Assert.All(target.Optimizer.GetState(i, s).ToArray(), value => Assert.Equal(0f, value));
        }

        Assert.Equal(0, target.Optimizer.StepCount);
    }
}
