using System.Text.Json;
using SurgeCollapse.Simd.Statistics;

namespace SurgeCollapse.Cli.Reporting;

/// <summary>
/// Writes summary.json: per arm, mean ± sd over seeds of the final and best validation loss, final sparsity, each
/// kind of event and steps/s; the paired comparisons against baseline; the loss floor; the ledger or why there is none.
/// Written by hand with <see cref="Utf8JsonWriter"/> (no reflection, so NativeAOT-safe); numbers that are not defined
/// (an sd of one value, an interval of one pair) are null.
/// </summary>
internal static class SummaryJsonWriter
{
    public static byte[] Write(SweepAnalysis analysis, IReadOnlyList<Chart> charts)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("generated_by", "surge");
            json.WriteStartArray("sources");
            foreach (string source in analysis.Input.Sources)
                json.WriteStringValue(source);
            json.WriteEndArray();
            json.WriteNumber("runs", analysis.Input.Runs.Count);
            json.WriteNumber("confidence_level", PairedComparison.DefaultConfidenceLevel);

            json.WriteStartObject("settings");
            foreach ((string name, IReadOnlyList<string> values) in analysis.Settings)
            {
                if (values.Count == 1)
                {
                    json.WritePropertyName(name);
                    WriteSetting(json, values[0]);
                    continue;
                }

                json.WriteStartArray(name);
                foreach (string value in values)
                    WriteSetting(json, value);
                json.WriteEndArray();
            }

            json.WriteEndObject();
            WriteLossFloor(json, analysis);

            json.WriteStartArray("arms");
            foreach (ArmSummary arm in analysis.Arms)
                WriteArm(json, arm);
            json.WriteEndArray();

            json.WriteStartArray("comparisons");
            foreach (ComparisonRow row in analysis.Comparisons)
                WriteComparison(json, row);
            json.WriteEndArray();

            WriteLedger(json, analysis);

            json.WriteStartArray("charts");
            foreach (Chart chart in charts)
                json.WriteStringValue($"{ReportWriter.ChartsFolder}/{chart.FileName}");
            json.WriteEndArray();

            json.WriteStartArray("notes");
            foreach (string note in analysis.Notes)
                json.WriteStringValue(note);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>A setting as a number when it is an integer (batch size, epochs, steps), else as text.</summary>
    private static void WriteSetting(Utf8JsonWriter json, string value)
    {
        if (long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long number))
            json.WriteNumberValue(number);
        else
            json.WriteStringValue(value);
    }

    private static void WriteLossFloor(Utf8JsonWriter json, SweepAnalysis analysis)
    {
        if (analysis.LossFloors.Count == 1)
        {
            json.WriteNumber("loss_floor", analysis.LossFloors[0]);
            return;
        }

        json.WriteNull("loss_floor");
        if (analysis.LossFloors.Count > 1)
        {
            json.WriteStartArray("loss_floors");
            foreach (double floor in analysis.LossFloors)
                json.WriteNumberValue(floor);
            json.WriteEndArray();
        }
    }

    private static void WriteArm(Utf8JsonWriter json, ArmSummary arm)
    {
        json.WriteStartObject();
        json.WriteString("policy", arm.Key.Policy);
        json.WriteNumber("noise", arm.Key.Noise);
        json.WriteStartArray("seeds");
        foreach (RunData run in arm.Runs)
            json.WriteNumberValue(run.Seed);
        json.WriteEndArray();
        json.WriteNumber("runs", arm.Runs.Count);
        json.WriteNumber("completed", arm.CompletedRuns.Count);
        json.WriteNumber("diverged", arm.DivergedCount);
        WriteSummary(json, "final_validation_loss", arm.FinalValidationLoss);
        WriteSummary(json, "best_validation_loss", arm.BestValidationLoss);
        WriteSummary(json, "final_sparsity", arm.FinalSparsity);
        json.WriteStartObject("events");
        foreach ((string kind, SampleSummary summary) in arm.Events)
            WriteSummary(json, kind, summary);
        json.WriteEndObject();
        WriteSummary(json, "steps_per_second", arm.StepsPerSecond);
        json.WriteEndObject();
    }

    private static void WriteSummary(Utf8JsonWriter json, string name, SampleSummary summary)
    {
        json.WriteStartObject(name);
        json.WriteNumber("n", summary.Count);
        WriteNumberOrNull(json, "mean", summary.Mean);
        WriteNumberOrNull(json, "sd", summary.StandardDeviation);
        json.WriteEndObject();
    }

    private static void WriteComparison(Utf8JsonWriter json, ComparisonRow row)
    {
        PairedComparison result = row.Result;
        json.WriteStartObject();
        json.WriteNumber("noise", row.Noise);
        json.WriteString("policy", row.Policy);
        json.WriteString("against", ArmKey.BaselinePolicy);
        json.WriteString("metric", row.Metric);
        json.WriteString("difference", "policy - baseline");
        json.WriteStartArray("seeds");
        foreach (ulong seed in row.Seeds)
            json.WriteNumberValue(seed);
        json.WriteEndArray();
        json.WriteNumber("n", result.Count);
        WriteNumberOrNull(json, "baseline_mean", row.BaselineMean);
        WriteNumberOrNull(json, "mean_difference", result.MeanDifference);
        WriteNumberOrNull(json, "sd_difference", result.StandardDeviation);
        WriteNumberOrNull(json, "ci_lower", result.Lower);
        WriteNumberOrNull(json, "ci_upper", result.Upper);
        json.WriteString("verdict", ReportFormat.VerdictKey(result.Verdict));
        json.WriteEndObject();
    }

    private static void WriteLedger(Utf8JsonWriter json, SweepAnalysis analysis)
    {
        json.WriteStartObject("ledger");
        if (analysis.LedgerRuns.Count == 0)
        {
            json.WriteBoolean("defined", false);
            json.WriteString("note", HtmlReportWriter.LedgerUndefinedNote(analysis));
            json.WriteEndObject();
            return;
        }

        json.WriteBoolean("defined", true);
        json.WriteString("units", "bits; e0 in joules at the run's temperature");
        json.WriteStartArray("runs");
        foreach (RunData run in analysis.LedgerRuns)
        {
            json.WriteStartObject();
            json.WriteString("run", run.Name);
            json.WriteString("policy", run.Policy);
            json.WriteNumber("noise", run.Noise);
            json.WriteNumber("seed", run.Seed);
            json.WriteStartArray("rows");
            foreach (LedgerRow row in run.Record.Ledger!)
            {
                json.WriteStartObject();
                if (row.Step is { } step)
                    json.WriteNumber("step", step);
                WriteNumberOrNull(json, "n_bits", row.NBits);
                WriteNumberOrNull(json, "d_tokens", row.DTokens);
                WriteNumberOrNull(json, "h_bits", row.HBits);
                json.WriteBoolean("h_is_estimate", row.HIsEstimate == true);
                WriteNumberOrNull(json, "l_bits", row.LBits);
                WriteNumberOrNull(json, "i_bits", row.IBits);
                WriteNumberOrNull(json, "eta", row.Eta);
                WriteNumberOrNull(json, "e0_joules", row.E0Joules);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number && double.IsFinite(number))
            json.WriteNumber(name, number);
        else
            json.WriteNull(name);
    }
}
