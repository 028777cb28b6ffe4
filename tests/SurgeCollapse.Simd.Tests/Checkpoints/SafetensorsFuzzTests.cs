using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using SurgeCollapse.Simd.Checkpoints;
using Xunit;
using Xunit.Abstractions;

namespace SurgeCollapse.Simd.Tests.Checkpoints;

/// <summary>
/// Seeded random mutations of valid files: every outcome must be a successful, consistent read or a
/// <see cref="UserInputException"/> — never another exception, never a hang.
/// </summary>
public sealed class SafetensorsFuzzTests(ITestOutputHelper output)
{
    private const int Iterations = 5_000;
    private const int Seed = 20_240_601;

    // Tokens that, spliced into the JSON, hit the parser's edge cases.
    private static readonly string[] HostileTokens =
    [
        "-1", "0", "1.5", "1e3", "2147483648", "9223372036854775807", "18446744073709551616", "null", "true", "[]", "{}",
        "\"F16\"", "\"BOOL\"", "\"X\"", "\"\\ud800\"", "\"__metadata__\"", ",", ":", "[", "]", "{", "}", "\"", "\\", "\u00e9", "\n",
    ];

    private static readonly ulong[] HostileLengths = [0, 1, 2, 7, 8, 100_000_000, 100_000_001, uint.MaxValue, long.MaxValue, ulong.MaxValue];

    [Fact]
    public async Task Mutated_files_are_read_or_refused_with_a_user_error()
    {
        byte[][] originals = [WriterFile(), MixedDtypeFile()];
        var random = new Random(Seed);
        int accepted = 0, refused = 0;
        var clock = Stopwatch.StartNew();

        // Run off the test thread so that a hang fails the test instead of stalling the run.
        await Task.Run(() =>
        {
            for (int iteration = 0; iteration < Iterations; iteration++)
            {
                byte[] original = originals[iteration % originals.Length];
                (string mutation, byte[] mutated) = Mutate(original, random);
                try
                {
                    SafetensorsFile file;
                    try
                    {
                        file = SafetensorsFile.Read(mutated, "fuzz");
                    }
                    catch (UserInputException exception)
                    {
                        Assert.DoesNotContain('\n', exception.Message);
                        refused++;
                        continue;
                    }

                    CheckConsistent(file, mutated);
                    accepted++;
                }
                catch (Exception exception)
                {
                    // Any other exception, or a failed check of an accepted file, names the mutation behind it.
                    Assert.Fail($"iteration {iteration} ({mutation}) threw {exception}");
                }
            }
        }).WaitAsync(TimeSpan.FromSeconds(60));

        output.WriteLine($"{Iterations} mutations in {clock.ElapsedMilliseconds} ms: {accepted} read, {refused} refused");
        // Both outcomes must occur, or the mutations are not exercising the reader.
        Assert.True(accepted > Iterations / 50, $"only {accepted} mutated files were accepted");
        Assert.True(refused > Iterations / 2, $"only {refused} mutated files were refused");
    }

    /// <summary>Whatever was accepted must describe the file exactly and be readable in full.</summary>
    private static void CheckConsistent(SafetensorsFile file, byte[] bytes)
    {
        long dataLength = bytes.Length - 8 - (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(dataLength, file.Tensors.Sum(info => info.ByteLength));
        foreach (SafetensorsTensorInfo info in file.Tensors)
        {
            Assert.Equal(info.ByteLength, file.GetBytes(info.Name).Length);
            if (info.Dtype == SafetensorsDtype.F32)
                Assert.Equal(info.ElementCount, file.GetFloat32(info.Name).Length);
        }
    }

    private static (string Mutation, byte[] Bytes) Mutate(byte[] original, Random random)
    {
        int headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(original);
        byte[] bytes = (byte[])original.Clone();
        switch (random.Next(8))
        {
            case 0:
                for (int flips = random.Next(1, 5); flips > 0; flips--)
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return ("bit flips anywhere", bytes);
            case 1:
                for (int changes = random.Next(1, 4); changes > 0; changes--)
                    bytes[8 + random.Next(headerLength)] = (byte)random.Next(256);
                return ("random bytes in the header", bytes);
            case 2:
                return ("truncation", bytes[..random.Next(bytes.Length)]);
            case 3:
                byte[] extra = new byte[random.Next(1, 17)];
                random.NextBytes(extra);
                return ("appended bytes", [.. bytes, .. extra]);
            case 4:
                ulong length = random.Next(3) switch
                {
                    0 => HostileLengths[random.Next(HostileLengths.Length)],
                    1 => (ulong)(headerLength + random.Next(-16, 17)),
                    _ => (ulong)random.NextInt64(),
                };
                BinaryPrimitives.WriteUInt64LittleEndian(bytes, length);
                return ($"header length {length}", bytes);
            default:
                // JSON edits keep the length prefix consistent so that they reach the parser and the validator.
                string json = Encoding.UTF8.GetString(bytes, 8, headerLength);
                string edited = EditJson(json, random);
                return ("JSON edit", SafetensorsTestFiles.Build(Encoding.UTF8.GetBytes(edited), bytes.AsSpan(8 + headerLength)));
        }
    }

    private static string EditJson(string json, Random random)
    {
        int position = random.Next(json.Length);
        switch (random.Next(4))
        {
            case 0:
                return json.Remove(position, 1);
            case 1:
                return json.Insert(position, HostileTokens[random.Next(HostileTokens.Length)]);
            case 2:
                // Replace a whole number, typically a dimension or an offset.
                int start = json.IndexOfAny("0123456789".ToCharArray(), position);
                if (start < 0)
                    return json;
                int end = start;
                while (end < json.Length && char.IsAsciiDigit(json[end]))
                    end++;
                string replacement = random.Next(2) == 0
                    ? HostileTokens[random.Next(HostileTokens.Length)]
                    : random.Next(0, 200).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return string.Concat(json.AsSpan(0, start), replacement, json.AsSpan(end));
            default:
                // Swap two characters: reorders digits, moves quotes and brackets.
                char[] characters = json.ToCharArray();
                int other = random.Next(characters.Length);
                (characters[position], characters[other]) = (characters[other], characters[position]);
                return new string(characters);
        }
    }

    private static byte[] WriterFile()
    {
        var writer = new SafetensorsWriter();
        writer.AddMetadata("format", "pt");
        writer.Add("layers.0.weight", [4, 3], new float[12]);
        writer.Add("layers.0.bias", [4], [1f, 2f, 3f, 4f]);
        writer.Add("layers.0.mask", [4, 3], new float[12]);
        writer.Add("scalar", [], [7f]);
        using var stream = new MemoryStream();
        writer.WriteTo(stream);
        return stream.ToArray();
    }

    private static byte[] MixedDtypeFile() =>
        SafetensorsTestFiles.Build("""
            {"__metadata__":{"note":"mixed"},
             "h":{"dtype":"F16","shape":[2,2],"data_offsets":[0,8]},
             "i":{"dtype":"I64","shape":[1],"data_offsets":[8,16]},
             "b":{"dtype":"BOOL","shape":[3],"data_offsets":[16,19]},
             "f":{"dtype":"F32","shape":[2],"data_offsets":[19,27]},
             "e":{"dtype":"F32","shape":[0],"data_offsets":[27,27]}}
            """, 27);
}
