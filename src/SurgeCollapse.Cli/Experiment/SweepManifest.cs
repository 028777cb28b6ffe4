using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using SurgeCollapse.Simd;

namespace SurgeCollapse.Cli.Experiment;

/// <summary>
/// <c>sweep.json</c>: the settings every run of a sweep directory shares. Shards and re-runs may add runs to a
/// directory only with the same settings, so a report never mixes runs that are not comparable.
/// </summary>
internal static class SweepManifest
{
    public const string FileName = "sweep.json";

    public static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the manifest, or checks that the one already there has the same settings.</summary>
    /// <exception cref="UserInputException">The directory holds a sweep with other settings.</exception>
    public static void WriteOrCheck(string directory, SweepSettings settings)
    {
        string path = Path.Combine(directory, FileName);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            DataSettings data = settings.Data;
            json.WriteString("data", data.Kind);
            json.WriteNumber("samples", data.Samples);
            if (data.Kind == "ar")
                json.WriteNumber("dimension", data.Dimension);
            if (data.Kind == "markov")
            {
                json.WriteNumber("vocabulary", data.Vocabulary);
                json.WriteNumber("order", data.Order);
            }

            if (data.Kind == "text")
            {
                json.WriteString("file", Path.GetFullPath(data.File!));
                json.WriteString("tokenization", data.Tokenization.ToString().ToLowerInvariant());
                json.WriteNumber("context", data.Context);
            }
            json.WriteStartArray("hidden");
            foreach (int width in settings.Hidden)
                json.WriteNumberValue(width);
            json.WriteEndArray();
            json.WriteString("optimizer", "adam");
            json.WriteNumber("learning_rate", settings.LearningRate);
            json.WriteNumber("batch_size", settings.BatchSize);
            json.WriteNumber("epochs", settings.Epochs);
            json.WriteNumber("eval_every", settings.EvaluateEvery);
            json.WriteNumber("checkpoint_every", settings.CheckpointEvery);
            json.WriteNumber("temperature_kelvin", settings.TemperatureKelvin);
            json.WriteEndObject();
        }

        byte[] manifest = buffer.ToArray();
        if (File.Exists(path))
        {
            if (!File.ReadAllBytes(path).AsSpan().SequenceEqual(manifest))
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                    $"{path}: this directory holds a sweep with other settings; choose another --output or use the same settings"));
            return;
        }

        AtomicFile.Write(path, stream => stream.Write(manifest));
    }
}
