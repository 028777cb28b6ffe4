using System.Buffers.Binary;
using System.Text;
using SurgeCollapse.Simd.Checkpoints;
using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Optimizers;
using SurgeCollapse.Simd.Sparsity;
using Xunit;

namespace SurgeCollapse.Cli.Tests.Commands;

/// <summary><c>surge inspect</c>: a checkpoint's listing, and one line with exit code 2 for every malformed file.</summary>
public sealed class InspectCommandTests : IDisposable
{
    /// <summary>One F32 tensor 'a' of shape [2, 3]: each malformed case below changes one thing in it.</summary>
    private const string ValidHeader = """{"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}}""";

    private readonly string _directory = Directory.CreateTempSubdirectory("inspect-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_saved_checkpoint_lists_its_tensors_sparsity_and_metadata()
    {
        var model = new Mlp([4, 8, 2], maxBatch: 1, seed: 1);
        var masks = new SparsityMasks(model.Parameters, includeBiases: false);
        // Half of the first weight pruned, and zeroed as a collapse leaves it.
        for (int i = 0; i < 16; i++)
        {
            masks.Keep(0)[i] = 0f;
            model.Parameters[0].Value[i] = 0f;
        }

        string path = Path.Combine(_directory, "model.safetensors");
        ModelCheckpoint.Save(path, model, new Adam(model.Parameters), masks, new Dictionary<string, string> { ["seed"] = "1" });

        SurgeResult result = Surge.Run("inspect", path);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Error);
        string[] lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"{path}: 14 tensors, ", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^  name +dtype +shape +elements +sparsity$", lines[1]);
        Assert.Matches(@"^  layers\.0\.weight +F32 +\[8, 4\] +32 +50\.00 %$", lines[2]);
        Assert.Matches(@"^  layers\.0\.bias +F32 +\[8\] +8 +0\.00 %$", lines[3]);
        Assert.Matches(@"^  layers\.0\.mask +F32 +\[8, 4\] +32 +50\.00 %$", lines[4]);
        Assert.Contains(lines, line => line.StartsWith("  optimizer.layers.1.bias.exp_avg_sq ", StringComparison.Ordinal));
        Assert.Contains("metadata:", lines);
        Assert.Contains("  model.sizes = 4,8,2", lines);
        Assert.Contains("  seed = 1", lines);
        Assert.Contains("  optimizer.type = Adam", lines);
    }

    [Fact]
    public void Names_and_values_with_line_breaks_stay_on_their_line()
    {
        byte[] bytes = Build("""{"__metadata__":{"note":"two\nlines"},"a\tb":{"dtype":"BOOL","shape":[0],"data_offsets":[0,0]}}""", 0);
        SurgeResult result = Surge.Run("inspect", Write(bytes));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("  note = two\\u000alines\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("  a\\u0009b  BOOL ", result.Output, StringComparison.Ordinal);
        Assert.Contains("n/a", result.Output, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[], string[]> MalformedFiles()
    {
        byte[] valid = Build(ValidHeader, 24);
        byte[] pastTheEnd = (byte[])valid.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(pastTheEnd, (ulong)(valid.Length - 8 + 1));
        byte[] huge = (byte[])valid.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(huge, ulong.MaxValue);
        return new()
        {
            { "empty file", [], ["header length", "expected an 8-byte prefix, got a 0-byte file"] },
            { "shorter than the length prefix", [1, 2, 3], ["header length", "got a 3-byte file"] },
            { "truncated data", valid[..^5], ["data_offsets", "expected end <= 19 (the data size), got [0, 24]"] },
            { "truncated header", valid[..20], ["header length", "(the rest of the file)"] },
            { "header length past the end", pastTheEnd, ["header length", $"expected at most {valid.Length - 8} bytes (the rest of the file), got {valid.Length - 7}"] },
            { "header length above the cap", huge, ["header length", "expected at most 100000000 bytes", $"got {ulong.MaxValue}"] },
            { "invalid JSON", Build("""{"a":{"dtype":"F32",}}""", 0), ["header: expected valid JSON, got "] },
            { "not UTF-8", Build([(byte)'{', 0xff, (byte)'}'], []), ["header: expected UTF-8 JSON, got invalid UTF-8 bytes"] },
            { "not an object", Build("[1,2]", 0), ["header: expected a JSON object, got an array of 2"] },
            { "unknown dtype", Build("""{"a":{"dtype":"Q4_K","shape":[2,3],"data_offsets":[0,24]}}""", 24), ["tensor 'a'", "field 'dtype'", "got the string 'Q4_K'"] },
            { "shape and byte length disagree", Build("""{"a":{"dtype":"F32","shape":[2,4],"data_offsets":[0,24]}}""", 24), ["tensor 'a'", "expected 32 bytes (8 elements of F32), got 24"] },
            { "negative dimension", Build("""{"a":{"dtype":"F32","shape":[-2,3],"data_offsets":[0,24]}}""", 24), ["tensor 'a'", "field 'shape[0]'", "got '-2'"] },
            {
                "overlapping offsets",
                Build("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 12),
                ["tensor 'b'", "expected begin 8 (where tensor 'a' ends), got 4: the tensors overlap"]
            },
            { "offsets out of range", Build("""{"a":{"dtype":"F32","shape":[2,3],"data_offsets":[8,32]}}""", 24), ["tensor 'a'", "expected end <= 24 (the data size), got [8, 32]"] },
            { "offsets reversed", Build("""{"a":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}}""", 8), ["tensor 'a'", "expected begin <= end, got [8, 0]"] },
            { "gap before the first tensor", Build("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8), ["tensor 'a'", "a gap of 4 bytes belongs to no tensor"] },
            { "trailing bytes", Build(ValidHeader, 28), ["data: expected 24 bytes after the header", "4 trailing bytes belong to no tensor"] },
            { "metadata that is not strings", Build("""{"__metadata__":{"step":3}}""", 0), ["field '__metadata__', key 'step': expected a string, got '3'"] },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public void A_malformed_file_is_one_line_naming_the_file_and_the_problem(string label, byte[] bytes, string[] fragments)
    {
        string path = Write(bytes, label.Replace(' ', '-'));
        string line = Surge.AssertUserError(Surge.Run("inspect", path), fragments);
        Assert.StartsWith($"surge: error: {path}: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_one_line()
    {
        string path = Path.Combine(_directory, "absent.safetensors");
        Surge.AssertUserError(Surge.Run("inspect", path), $"{path}: expected a readable file, got ", "absent.safetensors");
    }

    [Fact]
    public void A_directory_is_one_line() =>
        Surge.AssertUserError(Surge.Run("inspect", _directory), $"{_directory}: expected a file, got a directory");

    [Fact]
    public void An_empty_path_is_one_line() =>
        Surge.AssertUserError(Surge.Run("inspect", ""), "FILE: expected the path of a safetensors file, got an empty string");

    [Fact]
    public void A_missing_argument_is_one_line() =>
        Surge.AssertUserError(Surge.Run("inspect"), "Required argument 'FILE' missing", "(see 'surge --help')");

    private string Write(byte[] bytes, string name = "file")
    {
        string path = Path.Combine(_directory, $"{name}.safetensors");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Build(string headerJson, int dataLength) => Build(Encoding.UTF8.GetBytes(headerJson), new byte[dataLength]);

    /// <summary>The 8-byte little-endian header length, the header, the data: a safetensors file, valid or not.</summary>
    private static byte[] Build(byte[] header, byte[] data)
    {
        var length = new byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        return [.. length, .. header, .. data];
    }
}
