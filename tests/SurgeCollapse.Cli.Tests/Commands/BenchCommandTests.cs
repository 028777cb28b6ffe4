using System.Text.Json;
using SurgeCollapse.Simd.Kernels;
using Xunit;

namespace SurgeCollapse.Cli.Tests.Commands;

/// <summary>
/// <c>surge bench</c>: one JSON document with every figure of issue 10, all positive and finite, no allocation per
/// training step, and the machine it ran on. The speeds themselves are not asserted (DESIGN §14: benchmarks never gate tests).
/// </summary>
/// <remarks>
/// Alone, after the parallel tests: <c>Gemm.MaxThreads</c> is process-wide, and a train or experiment test setting it
/// mid-run makes the benchmark's products split over worker threads (and allocate on the caller's).
/// </remarks>
[Collection(nameof(BenchCommandTests))]
[CollectionDefinition(nameof(BenchCommandTests), DisableParallelization = true)]
public sealed class BenchCommandTests : IDisposable
{
    private static readonly string[] Policies = ["plain", "baseline", "notebook", "scheduled", "adaptive"];
    private static readonly string[] Forms = ["multiply", "multiply_transpose_b", "multiply_transpose_a"];
    private static readonly string[] Shapes = ["64x128x256", "64x256x128", "128x64x256", "256x256x256", "512x512x512", "1024x1024x1024", "67x131x257"];

    private readonly string _directory = Directory.CreateTempSubdirectory("bench-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Quick_prints_one_json_document_with_every_figure_and_writes_the_same_to_the_output_file()
    {
        string file = Path.Combine(_directory, "bench.json");
        SurgeResult result = Surge.Run("bench", "--quick", "--output", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(File.ReadAllText(file), result.Output);
        Assert.Empty(Directory.GetFiles(_directory, ".*.tmp"));
        using JsonDocument document = JsonDocument.Parse(result.Output);
        JsonElement root = document.RootElement;

        Assert.True(root.GetProperty("quick").GetBoolean());
        foreach (string policy in Policies)
        {
            AssertPositive(root, "train_steps_per_s", policy);
            AssertPositive(root, "train_fraction_of_plain", policy);
            // Allocation-free after warm-up, on every policy's full collapse / surge cycle (issue 10).
            Assert.Equal(0.0, root.GetProperty("alloc_bytes_per_step").GetProperty(policy).GetDouble());
        }

        Assert.Equal(Policies, root.GetProperty("train_steps_per_s").EnumerateObject().Select(p => p.Name));
        foreach (string name in new[] { "predict_b1_ns_p50", "predict_b1_ns_p99", "predict_b64_ns_p50", "predict_b64_ns_p99", "fma_peak_gflops", "train_plain_fraction_of_peak", "timer_overhead_ns" })
            AssertPositive(root, name);
        Assert.True(root.GetProperty("predict_b1_ns_p99").GetDouble() >= root.GetProperty("predict_b1_ns_p50").GetDouble());
        Assert.Equal(0.0, root.GetProperty("alloc_bytes_per_predict").GetProperty("b1").GetDouble());
        Assert.Equal(0.0, root.GetProperty("alloc_bytes_per_predict").GetProperty("b64").GetDouble());
        Assert.Equal(0.0, root.GetProperty("alloc_bytes_per_gemm_max").GetDouble());

        foreach (string form in Forms)
        {
            Assert.Equal(Shapes, root.GetProperty("gemm_gflops").GetProperty(form).EnumerateObject().Select(p => p.Name));
            foreach (string shape in Shapes)
            {
                AssertPositive(root.GetProperty("gemm_gflops"), form, shape);
                AssertPositive(root.GetProperty("gemm_fraction_of_peak"), form, shape);
            }
        }

        JsonElement machine = root.GetProperty("machine");
        Assert.False(string.IsNullOrWhiteSpace(machine.GetProperty("cpu_model").GetString()));
        Assert.Equal(Environment.ProcessorCount, machine.GetProperty("cores").GetInt32());
        Assert.StartsWith(".NET ", machine.GetProperty("runtime").GetString(), StringComparison.Ordinal);
        Assert.Equal("JIT", machine.GetProperty("jit_or_aot").GetString()); // in-process tests run under the JIT
        foreach (string set in new[] { "avx2", "fma", "avx512f" })
            Assert.True(machine.GetProperty("instruction_sets").GetProperty(set).ValueKind is JsonValueKind.True or JsonValueKind.False, set);
        Assert.Equal(SimdCapabilities.Widest.ToString(), machine.GetProperty("vector_widths").GetProperty("widest").GetString());
        Assert.Equal(SimdCapabilities.Widest.ToString(), root.GetProperty("fma_peak_width").GetString());
        Assert.Equal(System.Numerics.Vector<float>.Count * 32, machine.GetProperty("vector_widths").GetProperty("vector_t_bits").GetInt32());
    }

    [Fact]
    public void An_output_file_in_a_missing_directory_is_a_user_error_before_anything_is_measured()
    {
        string file = Path.Combine(_directory, "missing", "bench.json");
        Surge.AssertUserError(Surge.Run("bench", "--quick", "--output", file), "--output", "does not exist");
        Assert.False(Directory.Exists(Path.GetDirectoryName(file)));
    }

    [Fact]
    public void An_output_that_is_a_directory_is_a_user_error()
    {
        Surge.AssertUserError(Surge.Run("bench", "--quick", "--output", _directory), "--output", "is a directory");
    }

    private static void AssertPositive(JsonElement parent, params string[] path)
    {
        JsonElement element = parent;
        foreach (string name in path)
            element = element.GetProperty(name);
        double value = element.GetDouble();
        Assert.True(double.IsFinite(value) && value > 0, $"{string.Join('.', path)} = {value}");
    }
}
