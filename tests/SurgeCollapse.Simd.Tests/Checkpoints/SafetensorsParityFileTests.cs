using SurgeCollapse.Simd.Checkpoints;
using Xunit;
using static SurgeCollapse.Simd.Tests.Checkpoints.SafetensorsTestFiles;

namespace SurgeCollapse.Simd.Tests.Checkpoints;

/// <summary>The PyTorch parity files (written by TorchSharp) must read, and must come back identical when rewritten.</summary>
public sealed class SafetensorsParityFileTests
{
    private static readonly string[] LayerTensors = ["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"];

    [Fact]
    public void Initial_weights_have_the_model_shapes_and_pytorch_init_bounds()
    {
        SafetensorsFile file = SafetensorsFile.Read(ParityData.PathOf("init_mse.safetensors"));
        Assert.Equal(LayerTensors, file.Tensors.Select(info => info.Name));
        Assert.Equal([256, 128], file.GetTensorInfo("layers.0.weight").Shape);
        Assert.Equal([256], file.GetTensorInfo("layers.0.bias").Shape);
        Assert.Equal([128, 256], file.GetTensorInfo("layers.1.weight").Shape);
        Assert.Equal([128], file.GetTensorInfo("layers.1.bias").Shape);
        Assert.Contains("TorchSharp", file.Metadata["producer"], StringComparison.Ordinal);

        // nn.Linear draws weights and biases from U(-1/sqrt(fan_in), 1/sqrt(fan_in)); a misread offset or byte
        // order would produce values far outside, or NaN.
        foreach (string name in LayerTensors)
        {
            int fanIn = name.StartsWith("layers.0", StringComparison.Ordinal) ? 128 : 256;
            float bound = 1f / MathF.Sqrt(fanIn);
            float[] values = file.GetFloat32(name);
            Assert.All(values, value => Assert.InRange(value, -bound, bound));
            Assert.True(values.Max() > 0.9f * bound && values.Min() < -0.9f * bound, $"{name} does not span its init range");
        }
    }

    [Fact]
    public void Batches_have_ten_inputs_and_ten_targets()
    {
        SafetensorsFile file = SafetensorsFile.Read(ParityData.PathOf("batches_mse.safetensors"));
        Assert.Equal(20, file.Tensors.Count);
        for (int batch = 0; batch < 10; batch++)
        {
            foreach (string name in (string[])[$"x_{batch}", $"y_{batch}"])
            {
                Assert.Equal([64, 128], file.GetTensorInfo(name).Shape);
                Assert.All(file.GetFloat32(name), value => Assert.True(float.IsFinite(value)));
            }
        }
    }

    [Fact]
    public void First_adam_step_moves_every_initial_weight_by_at_most_the_learning_rate()
    {
        SafetensorsFile initial = SafetensorsFile.Read(ParityData.PathOf("init_mse.safetensors"));
        SafetensorsFile expected = SafetensorsFile.Read(ParityData.PathOf("expected_mse_adam.safetensors"));
        Assert.Equal(12, expected.Tensors.Count);
        foreach (string name in LayerTensors)
        {
            float[] before = initial.GetFloat32(name);
            float[] after = expected.GetFloat32($"after1.{name}");
            Assert.Equal(before.Length, expected.GetFloat32($"grad1.{name}").Length);
            Assert.Equal(initial.GetTensorInfo(name).Shape, expected.GetTensorInfo($"after10.{name}").Shape);
            // Adam's first update is lr·m̂/(sqrt(v̂)+eps) with m̂ = g, v̂ = g², so at most lr = 1e-3 per element;
            // 1e-6 allows for float32 rounding of weights up to 0.09.
            for (int i = 0; i < before.Length; i++)
                Assert.True(MathF.Abs(after[i] - before[i]) <= 1e-3f + 1e-6f, $"{name}[{i}]: {before[i]} -> {after[i]}");
        }
    }

    [Theory]
    [InlineData("init_mse.safetensors")]
    [InlineData("batches_mse.safetensors")]
    [InlineData("expected_mse_adam.safetensors")]
    public void Rewriting_a_parity_file_reproduces_it_byte_for_byte(string fileName)
    {
        // TorchSharp writes __metadata__ first, tensors in data order and space padding, as this writer does.
        string path = ParityData.PathOf(fileName);
        SafetensorsFile file = SafetensorsFile.Read(path);
        var writer = new SafetensorsWriter();
        foreach (KeyValuePair<string, string> entry in file.Metadata.OrderBy(entry => entry.Key, StringComparer.Ordinal))
            writer.AddMetadata(entry.Key, entry.Value);
        foreach (SafetensorsTensorInfo info in file.Tensors)
            writer.Add(info.Name, info.Shape, file.GetFloat32(info.Name));
        using var stream = new MemoryStream();
        writer.WriteTo(stream);
        Assert.Equal(File.ReadAllBytes(path), stream.ToArray());
    }
}
