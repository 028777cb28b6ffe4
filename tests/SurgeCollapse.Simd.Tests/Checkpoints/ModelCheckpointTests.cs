using SurgeCollapse.Simd.Checkpoints;
using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Optimizers;
using SurgeCollapse.Simd.Sparsity;
using Xunit;
using static SurgeCollapse.Simd.Tests.Checkpoints.CheckpointRun;

namespace SurgeCollapse.Simd.Tests.Checkpoints;

/// <summary>Saving and restoring a model, its optimizer and its masks: bit-exact round trips and resumed training.</summary>
public sealed class ModelCheckpointTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("checkpoint-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    public static TheoryData<string, bool> Optimizers => new()
    {
        { nameof(Adam), false }, { nameof(Adam), true }, { nameof(SgdWithMomentum), false }, { nameof(SgdWithMomentum), true },
    };

    private static Func<IReadOnlyList<Parameter>, Optimizer> OptimizerNamed(string name) =>
        name == nameof(Adam) ? Adam : SgdWithMomentum;

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void A_trained_state_round_trips_bit_for_bit(string optimizer, bool withMasks)
    {
        var saved = new CheckpointRun(OptimizerNamed(optimizer), withMasks, seed: 3);
        saved.Train(Batches(5));
        string path = PathOf("state.safetensors");
        ModelCheckpoint.Save(path, saved.Model, saved.Optimizer, saved.Masks, new Dictionary<string, string> { ["seed"] = "3" });

        // Another seed: every value the fresh run starts from differs, so only the checkpoint can make them equal.
        var loaded = new CheckpointRun(OptimizerNamed(optimizer), withMasks, seed: 4);
        IReadOnlyDictionary<string, string> metadata = ModelCheckpoint.Load(path, loaded.Model, loaded.Optimizer, loaded.Masks);

        AssertBitIdentical(saved, loaded);
        Assert.Equal("3", metadata["seed"]);
        Assert.Equal("5", metadata[CheckpointNames.OptimizerStep]);
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Training_N_steps_then_resuming_for_M_equals_N_plus_M_uninterrupted_steps(string optimizer, bool withMasks)
    {
        const int N = 7, M = 6;
        var batches = Batches(N + M);
        var uninterrupted = new CheckpointRun(OptimizerNamed(optimizer), withMasks);
        uninterrupted.Train(batches);

        var first = new CheckpointRun(OptimizerNamed(optimizer), withMasks);
        first.Train(batches.AsSpan(0, N));
        string path = PathOf("resume.safetensors");
        ModelCheckpoint.Save(path, first.Model, first.Optimizer, first.Masks);
        var resumed = new CheckpointRun(OptimizerNamed(optimizer), withMasks, seed: 99);
        ModelCheckpoint.Load(path, resumed.Model, resumed.Optimizer, resumed.Masks);
        resumed.Train(batches.AsSpan(N));

        AssertBitIdentical(uninterrupted, resumed);
    }

    [Theory]
    [InlineData(nameof(Adam))]
    [InlineData(nameof(SgdWithMomentum))]
    public void Resuming_without_the_optimizer_state_diverges(string optimizer)
    {
        // The control for the test above: it would pass vacuously if the optimizer state did not matter.
        const int N = 7, M = 6;
        var batches = Batches(N + M);
        var uninterrupted = new CheckpointRun(OptimizerNamed(optimizer), withMasks: false);
        uninterrupted.Train(batches);
        var first = new CheckpointRun(OptimizerNamed(optimizer), withMasks: false);
        first.Train(batches.AsSpan(0, N));
        string path = PathOf("weights.safetensors");
        ModelCheckpoint.Save(path, first.Model, first.Optimizer);
        var resumed = new CheckpointRun(OptimizerNamed(optimizer), withMasks: false, seed: 99);
        ModelCheckpoint.Load(path, resumed.Model); // weights only: the optimizer starts afresh
        resumed.Train(batches.AsSpan(N));

        Assert.NotEqual(uninterrupted.Model.Parameters[0].Value, resumed.Model.Parameters[0].Value);
    }

    [Fact]
    public void Masks_round_trip_with_weight_and_bias_names()
    {
        var saved = new CheckpointRun(Adam, withMasks: true, seed: 5);
        string path = PathOf("masks.safetensors");
        ModelCheckpoint.Save(path, saved.Model, masks: saved.Masks);

        var loaded = new CheckpointRun(Adam, withMasks: true, seed: 6);
        ModelCheckpoint.Load(path, loaded.Model, masks: loaded.Masks);
        for (int i = 0; i < saved.Model.Parameters.Count; i++)
        {
            AssertBits(saved.Masks!.Keep(i), loaded.Masks!.Keep(i), saved.Model.Parameters[i].Name);
            Assert.Equal(saved.Masks.SparsityOf(i), loaded.Masks.SparsityOf(i));
        }

        SafetensorsFile file = SafetensorsFile.Read(path);
        Assert.True(file.Contains("layers.0.mask") && file.Contains("layers.0.bias_mask") && file.Contains("layers.1.mask"));
    }

    [Fact]
    public void A_checkpoint_opens_with_the_reader_and_uses_the_spec_names()
    {
        var run = new CheckpointRun(Adam, withMasks: true);
        run.Train(Batches(2));
        string path = PathOf("names.safetensors");
        ModelCheckpoint.Save(path, run.Model, run.Optimizer, run.Masks, new Dictionary<string, string> { ["policy"] = "scheduled" });

        SafetensorsFile file = SafetensorsFile.Read(path);
        string[] expected =
        [
            "layers.0.weight", "layers.0.bias", "layers.0.mask", "layers.0.bias_mask",
            "layers.1.weight", "layers.1.bias", "layers.1.mask", "layers.1.bias_mask",
            "optimizer.layers.0.weight.exp_avg", "optimizer.layers.0.weight.exp_avg_sq",
            "optimizer.layers.0.bias.exp_avg", "optimizer.layers.0.bias.exp_avg_sq",
            "optimizer.layers.1.weight.exp_avg", "optimizer.layers.1.weight.exp_avg_sq",
            "optimizer.layers.1.bias.exp_avg", "optimizer.layers.1.bias.exp_avg_sq",
        ];
        Assert.Equal(expected, file.Tensors.Select(tensor => tensor.Name));
        Assert.All(file.Tensors, tensor => Assert.Equal(SafetensorsDtype.F32, tensor.Dtype));
        Assert.Equal([10, 6], file.GetTensorInfo("layers.0.weight").Shape);
        Assert.Equal([4], file.GetTensorInfo("layers.1.bias").Shape);
        Assert.Equal([10, 6], file.GetTensorInfo("optimizer.layers.0.weight.exp_avg_sq").Shape);
        Assert.Equal(run.Model.Parameters[2].Value, file.GetFloat32("layers.1.weight"));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["format"] = "pt", ["checkpoint.version"] = "1", ["model.sizes"] = "6,10,4", ["optimizer.type"] = "Adam",
                ["optimizer.step"] = "2", ["optimizer.learning_rate"] = "0.01", ["policy"] = "scheduled",
            },
            file.Metadata);
    }

    [Fact]
    public void Saving_twice_gives_the_same_bytes()
    {
        var run = new CheckpointRun(SgdWithMomentum, withMasks: true);
        run.Train(Batches(3));
        var metadata = new Dictionary<string, string> { ["z"] = "last", ["a"] = "first" };
        var first = new MemoryStream();
        var second = new MemoryStream();
        ModelCheckpoint.CreateWriter(run.Model, run.Optimizer, run.Masks, metadata).WriteTo(first);
        ModelCheckpoint.CreateWriter(run.Model, run.Optimizer, run.Masks, metadata.Reverse().ToDictionary()).WriteTo(second);
        Assert.Equal(first.ToArray(), second.ToArray());
    }

    [Fact]
    public void Weights_alone_load_from_a_full_checkpoint()
    {
        var saved = new CheckpointRun(Adam, withMasks: true);
        saved.Train(Batches(3));
        string path = PathOf("full.safetensors");
        ModelCheckpoint.Save(path, saved.Model, saved.Optimizer, saved.Masks);

        var model = new Mlp(Sizes, Batch, seed: 8);
        ModelCheckpoint.Load(path, model);
        for (int i = 0; i < model.Parameters.Count; i++)
            AssertBits(saved.Model.Parameters[i].Value, model.Parameters[i].Value, model.Parameters[i].Name);
    }

    [Fact]
    public void The_learning_rate_a_schedule_set_is_restored()
    {
        var saved = new CheckpointRun(Adam, withMasks: false);
        saved.Optimizer.LearningRate = 1.0 / 3.0;
        string path = PathOf("rate.safetensors");
        ModelCheckpoint.Save(path, saved.Model, saved.Optimizer);
        var loaded = new CheckpointRun(Adam, withMasks: false);
        ModelCheckpoint.Load(path, loaded.Model, loaded.Optimizer);
        Assert.Equal(1.0 / 3.0, loaded.Optimizer.LearningRate);
    }

    [Fact]
    public void Programming_errors_are_argument_exceptions()
    {
        var run = new CheckpointRun(Adam, withMasks: true);
        var other = new CheckpointRun(Adam, withMasks: true);
        Assert.Throws<ArgumentException>(() => ModelCheckpoint.CreateWriter(run.Model, other.Optimizer));
        Assert.Throws<ArgumentException>(() => ModelCheckpoint.CreateWriter(run.Model, masks: other.Masks));
        Assert.Throws<ArgumentException>(() =>
            ModelCheckpoint.CreateWriter(run.Model, metadata: new Dictionary<string, string> { [CheckpointNames.OptimizerStep] = "0" }));
    }
}
