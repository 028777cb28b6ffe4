using System.CommandLine;
using System.Globalization;
using System.Text;
using SurgeCollapse.Simd;
using SurgeCollapse.Simd.Checkpoints;

namespace SurgeCollapse.Cli.Commands;

/// <summary>
/// <c>surge inspect FILE</c>: lists a safetensors file's tensors — name, dtype, shape, sparsity — and its metadata. The
/// reader validates the whole file first, so a malformed one is a one-line user error, never a partial listing.
/// </summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A safetensors file, e.g. a checkpoint written by surge" };
        var command = new Command("inspect", "List the tensors of a safetensors file (name, dtype, shape, sparsity) and its metadata") { file };
        command.SetAction(result => Run(result.InvocationConfiguration.Output, result.GetValue(file)!));
        return command;
    }

    private static int Run(TextWriter output, string path)
    {
        if (string.IsNullOrEmpty(path))
            throw new UserInputException("FILE: expected the path of a safetensors file, got an empty string");
        SafetensorsFile file = SafetensorsFile.Read(path);
        long dataBytes = file.Tensors.Sum(tensor => tensor.ByteLength);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Printable(path)}: {file.Tensors.Count} tensors, {dataBytes} bytes of data"));

        // Names and values come from the file: escaped, so that each entry stays on its line.
        string[][] rows =
        [
            ["name", "dtype", "shape", "elements", "sparsity"],
            .. file.Tensors.Select(tensor => new[]
            {
                Printable(tensor.Name), tensor.DtypeName, $"[{string.Join(", ", tensor.Shape)}]",
                tensor.ElementCount.ToString(CultureInfo.InvariantCulture), Sparsity(file, tensor),
            }),
        ];
        WriteTable(output, rows);

        if (file.Metadata.Count == 0)
        {
            output.WriteLine("metadata: none");
            return 0;
        }

        output.WriteLine("metadata:");
        foreach ((string key, string value) in file.Metadata.OrderBy(entry => entry.Key, StringComparer.Ordinal))
            output.WriteLine($"  {Printable(key)} = {Printable(value)}");
        return 0;
    }

    /// <summary>The fraction of elements that are exactly zero, as a percentage; n/a for an empty tensor.</summary>
    private static string Sparsity(SafetensorsFile file, SafetensorsTensorInfo tensor) =>
        tensor.ElementCount == 0
            ? "n/a"
            : string.Create(CultureInfo.InvariantCulture, $"{100.0 * file.CountZeros(tensor.Name) / tensor.ElementCount:F2} %");

    /// <summary>Left-aligned text columns and right-aligned numbers, two spaces apart, indented by two.</summary>
    private static void WriteTable(TextWriter output, string[][] rows)
    {
        int columns = rows[0].Length;
        var widths = new int[columns];
        foreach (string[] row in rows)
        {
            for (int c = 0; c < columns; c++)
                widths[c] = Math.Max(widths[c], row[c].Length);
        }

        var line = new StringBuilder();
        foreach (string[] row in rows)
        {
            line.Clear().Append("  ");
            for (int c = 0; c < columns; c++)
            {
                // Element counts and sparsities are numbers: aligned on the right.
                line.Append(c >= 3 ? row[c].PadLeft(widths[c]) : row[c].PadRight(widths[c]));
                if (c < columns - 1)
                    line.Append("  ");
            }

            output.WriteLine(line.ToString().TrimEnd());
        }
    }

    /// <summary>The text with control characters and line separators written as \uXXXX escapes.</summary>
    private static string Printable(string text) =>
        string.Concat(text.Select(character => char.IsControl(character) || character is '\u2028' or '\u2029'
            ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)character:x4}")
            : character.ToString()));
}
