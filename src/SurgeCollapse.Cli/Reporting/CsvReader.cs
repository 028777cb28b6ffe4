using System.Globalization;
using SurgeCollapse.Simd;

namespace SurgeCollapse.Cli.Reporting;

/// <summary>
/// Reads the run CSV files (metrics.csv, events.csv) row by row, by column name, with errors that name the file, the
/// line and the field: <c>runs/x/metrics.csv line 17: field validation_loss: expected a number, got 'abc'</c>.
/// The files are written by the engine with invariant culture and no quoting (no field holds a comma).
/// </summary>
internal sealed class CsvReader : IDisposable
{
    private readonly StreamReader reader;
    private readonly string[] header;
    private string[] fields = [];

    private CsvReader(StreamReader reader, string displayPath, string[] header)
    {
        this.reader = reader;
        this.header = header;
        DisplayPath = displayPath;
        LineNumber = 1;
    }

    /// <summary>The file as the user should read it in messages.</summary>
    public string DisplayPath { get; }

    /// <summary>The 1-based line of the current row (1 is the header).</summary>
    public int LineNumber { get; private set; }

    /// <summary>Opens <paramref name="path"/> and reads its header; an empty file is an error.</summary>
    public static CsvReader Open(string path, string displayPath)
    {
        var reader = new StreamReader(path);
        try
        {
            string? first = reader.ReadLine();
            if (string.IsNullOrWhiteSpace(first))
                throw new UserInputException($"{displayPath} line 1: expected a header row, found an empty file");
            string[] header = first.Split(',', StringSplitOptions.TrimEntries);
            return new CsvReader(reader, displayPath, header);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>The index of column <paramref name="name"/>; an error naming the column when it is required and absent.</summary>
    public int Column(string name, bool required = true)
    {
        int index = Array.IndexOf(header, name);
        if (index < 0 && required)
            throw new UserInputException($"{DisplayPath} line 1: column {name}: missing from the header");
        return index;
    }

    /// <summary>True when every line has been read.</summary>
    public bool AtEnd => reader.EndOfStream;

    /// <summary>Moves to the next non-blank row; false at the end of the file.</summary>
    public bool ReadRow()
    {
        while (reader.ReadLine() is { } line)
        {
            LineNumber++;
            if (line.Length == 0 || string.IsNullOrWhiteSpace(line))
                continue;
            fields = line.Split(',', StringSplitOptions.TrimEntries);
            if (fields.Length != header.Length)
                throw new UserInputException($"{DisplayPath} line {LineNumber}: expected {header.Length} fields as in the header, got {fields.Length}");
            return true;
        }

        return false;
    }

    /// <summary>The field of <paramref name="column"/> as a double; empty gives NaN when <paramref name="allowEmpty"/>.</summary>
    public double Number(int column, bool allowEmpty = true)
    {
        string text = fields[column];
        if (text.Length == 0 && allowEmpty)
            return double.NaN;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw Error(column, "a number", text);
        return value;
    }

    /// <summary>The field of <paramref name="column"/> as an integer of at least <paramref name="minimum"/>.</summary>
    public long Integer(int column, long minimum = long.MinValue)
    {
        string text = fields[column];
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) || value < minimum)
            throw Error(column, minimum == long.MinValue ? "an integer" : $"an integer ≥ {minimum}", text);
        return value;
    }

    /// <summary>The field of <paramref name="column"/> as text.</summary>
    public string Text(int column) => fields[column];

    private UserInputException Error(int column, string expected, string got) =>
        new($"{DisplayPath} line {LineNumber}: field {header[column]}: expected {expected}, got '{got}'");

    public void Dispose() => reader.Dispose();
}
