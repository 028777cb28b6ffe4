using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using SurgeCollapse.Cli.Commands;

namespace SurgeCollapse.Cli.Benchmarking;

/// <summary>
/// The JSON document of a <c>surge bench</c> run, written by hand with <see cref="Utf8JsonWriter"/> (no reflection, so
/// NativeAOT-safe). Speeds are also given as fractions of the FMA peak of the same run, the only figures comparable
/// between machines (docs/performance.md).
/// </summary>
internal static class BenchReport
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The document as UTF-8 bytes, ending with a newline.</summary>
    public static byte[] ToJson(BenchResults results)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            WriteMethod(json, results);
            MachineDescription.Write(json);

            double peakFlops = results.FmaPeakGflops * 1e9;
            json.WriteString("fma_peak_width", results.PeakWidth.ToString());
            Number(json, "fma_peak_gflops", results.FmaPeakGflops);

            WriteTraining(json, results, peakFlops);

            Number(json, "predict_b1_ns_p50", results.PredictBatch1.P50Ns);
            Number(json, "predict_b1_ns_p99", results.PredictBatch1.P99Ns);
            Number(json, "predict_b64_ns_p50", results.PredictBatch64.P50Ns);
            Number(json, "predict_b64_ns_p99", results.PredictBatch64.P99Ns);
            Number(json, "timer_overhead_ns", results.TimerOverheadNs);
            double forwardFlopsPerRow = 2 * DefaultWorkload.ForwardMultiplyAddsPerRow();
            json.WriteStartObject("predict_fraction_of_peak");
            Number(json, "b1", forwardFlopsPerRow / (results.PredictBatch1.P50Ns * 1e-9) / peakFlops);
            Number(json, "b64", DefaultWorkload.Batch * forwardFlopsPerRow / (results.PredictBatch64.P50Ns * 1e-9) / peakFlops);
            json.WriteEndObject();
            json.WriteStartObject("alloc_bytes_per_predict");
            Number(json, "b1", results.PredictBatch1.AllocatedBytesPerCall);
            Number(json, "b64", results.PredictBatch64.AllocatedBytesPerCall);
            json.WriteEndObject();

            WriteGemm(json, "gemm_gflops", results, gflops => gflops);
            WriteGemm(json, "gemm_fraction_of_peak", results, gflops => gflops / results.FmaPeakGflops);
            Number(json, "alloc_bytes_per_gemm_max", results.Gemm.Max(entry => entry.AllocatedBytesPerCall));
            Number(json, "seconds", results.Seconds);
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteMethod(Utf8JsonWriter json, BenchResults results)
    {
        BenchBudget budget = results.Budget;
        json.WriteBoolean("quick", results.Quick);
        json.WriteStartObject("method");
        Number(json, "warm_up_s", budget.WarmUp.TotalSeconds);
        json.WriteNumber("warm_up_calls", budget.WarmUpCalls);
        Number(json, "repetition_s", budget.Repetition.TotalSeconds);
        json.WriteNumber("repetitions", budget.Repetitions);
        json.WriteString("statistic", "median over repetitions; latency percentiles per repetition, then their median");
        json.WriteNumber("gemm_threads", 1);
        json.WriteString("model", $"[{string.Join(", ", DefaultWorkload.Sizes)}], batch {DefaultWorkload.Batch}, Adam, MSE");
        json.WriteEndObject();
    }

    private static void WriteTraining(Utf8JsonWriter json, BenchResults results, double peakFlops)
    {
        double plain = results.Training[0].Step.CallsPerSecond;
        json.WriteStartObject("train_steps_per_s");
        foreach ((string name, Throughput step, _) in results.Training)
            Number(json, name, step.CallsPerSecond);
        json.WriteEndObject();
        // Measured side by side: the median over repetitions of each repetition's ratio (Measurement.MeasureSideBySide).
        json.WriteStartObject("train_fraction_of_plain");
        foreach ((string name, _, double fraction) in results.Training)
            Number(json, name, fraction);
        json.WriteEndObject();
        // The step's matrix products only (element-wise work, the loss and Adam are not counted).
        Number(json, "train_plain_fraction_of_peak", plain * DefaultWorkload.StepFlops() / peakFlops);
        json.WriteStartObject("alloc_bytes_per_step");
        foreach ((string name, Throughput step, _) in results.Training)
            Number(json, name, step.AllocatedBytesPerCall);
        json.WriteEndObject();
    }

    private static void WriteGemm(Utf8JsonWriter json, string name, BenchResults results, Func<double, double> value)
    {
        json.WriteStartObject(name);
        foreach (GemmBenchForm form in Enum.GetValues<GemmBenchForm>())
        {
            json.WriteStartObject(EnumWords.Of(form).Replace('-', '_'));
            foreach ((GemmBenchForm entryForm, string shape, double gflops, _) in results.Gemm)
            {
                if (entryForm == form)
                    Number(json, shape, value(gflops));
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>Five significant digits: more than any of these figures can be trusted to, fewer than a double prints.</summary>
    private static void Number(Utf8JsonWriter json, string name, double value) =>
        json.WriteNumber(name, double.Parse(value.ToString("G5", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
}
