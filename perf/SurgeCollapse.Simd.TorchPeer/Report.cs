using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SurgeCollapse.Simd.TorchPeer;

/// <summary>One line of the comparison: both figures, their ratio, and the target the ratio is held to (if any).</summary>
/// <param name="Ratio">Engine over libtorch: of speeds for throughputs, of times for latencies.</param>
/// <param name="Target">"&gt;= 2.5", "&lt;= 0.333"…; empty when there is none.</param>
/// <param name="Peak">For GFLOPS figures, the engine's FMA peak of this run (both sides are divided by it); else 0.</param>
internal sealed record Row(string Key, string Workload, string Unit, double Engine, double Torch, double Ratio, string Target, bool? Met, double Peak);

/// <summary>The table (for people, Markdown) and the JSON (for docs and tools) of one run.</summary>
internal sealed class Report
{
    private readonly List<Row> _rows = [];
    private readonly List<(string Key, double Value, string Note)> _extras = [];

    /// <summary>A throughput (higher is better): the ratio is engine / libtorch.</summary>
    public void AddRate(string key, string workload, string unit, double engine, double torch, double? atLeast = null, double peak = 0) =>
        _rows.Add(new Row(key, workload, unit, engine, torch, engine / torch,
            atLeast is double t ? $">= {t:0.##}" : "", atLeast is double u ? engine / torch >= u : null, peak));

    /// <summary>A latency (lower is better): the ratio is engine / libtorch.</summary>
    public void AddLatency(string key, string workload, double engineNs, double torchNs, double? atMost = null) =>
        _rows.Add(new Row(key, workload, "ns", engineNs, torchNs, engineNs / torchNs,
            atMost is double t ? $"<= {t:0.###}" : "", atMost is double u ? engineNs / torchNs <= u : null, 0));

    /// <summary>A figure of one side, or a check; listed under the table and kept in the JSON's <c>extras</c>.</summary>
    public void AddExtra(string key, double value, string note = "") => _extras.Add((key, value, note));

    public double Extra(string key) => _extras.First(e => e.Key == key).Value;

    public string Table(string header)
    {
        var text = new StringBuilder();
        text.AppendLine(header).AppendLine();
        text.AppendLine("| workload | unit | engine | libtorch | engine/libtorch | target | met | % of FMA peak (engine, libtorch) |");
        text.AppendLine("|---|---|---:|---:|---:|---|---|---|");
        foreach (Row row in _rows)
        {
            string met = row.Met switch { true => "yes", false => "NO", null => "" };
            string peak = row.Peak > 0 ? $"{100 * row.Engine / row.Peak:0}%, {100 * row.Torch / row.Peak:0}%" : "";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Workload} | {row.Unit} | {Format(row.Engine)} | {Format(row.Torch)} | {row.Ratio:0.00} | {row.Target} | {met} | {peak} |");
        }

        text.AppendLine();
        foreach ((string key, double value, string note) in _extras)
            text.AppendLine(CultureInfo.InvariantCulture, $"- {key}: {value:G6}{(note.Length > 0 ? $" ({note})" : "")}");
        return text.ToString();
    }

    public string Json(Action<Utf8JsonWriter> writeMachine)
    {
        using var stream = new MemoryStream();
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var json = new Utf8JsonWriter(stream, options))
        {
            json.WriteStartObject();
            writeMachine(json);
            json.WriteStartObject("results");
            foreach (Row row in _rows)
            {
                json.WriteStartObject(row.Key);
                json.WriteString("workload", row.Workload);
                json.WriteString("unit", row.Unit);
                json.WriteNumber("engine", Math.Round(row.Engine, 3));
                json.WriteNumber("libtorch", Math.Round(row.Torch, 3));
                json.WriteNumber("engine_over_libtorch", Math.Round(row.Ratio, 4));
                if (row.Target.Length > 0)
                {
                    json.WriteString("target", row.Target);
                    json.WriteBoolean("met", row.Met == true);
                }

                if (row.Peak > 0)
                {
                    json.WriteNumber("engine_fraction_of_peak", Math.Round(row.Engine / row.Peak, 4));
                    json.WriteNumber("libtorch_fraction_of_peak", Math.Round(row.Torch / row.Peak, 4));
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteStartObject("extras");
            foreach ((string key, double value, _) in _extras)
                json.WriteNumber(key, value);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Format(double value) =>
        Math.Abs(value) >= 100 ? value.ToString("#,0", CultureInfo.InvariantCulture) : value.ToString("0.0", CultureInfo.InvariantCulture);
}
