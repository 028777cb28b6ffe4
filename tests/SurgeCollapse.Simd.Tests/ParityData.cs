using System.Text.Json;
using SurgeCollapse.Simd.Checkpoints;

namespace SurgeCollapse.Simd.Tests;

/// <summary>The PyTorch parity files copied from shared/parity into Parity/ (see Parity/README.md).</summary>
internal static class ParityData
{
    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Parity", file);

    public static SafetensorsFile Open(string file) => SafetensorsFile.Read(PathOf(file));

    public static float[] Read(string file, string name) => Open(file).GetFloat32(name);

    public static JsonDocument Json(string file) => JsonDocument.Parse(File.ReadAllBytes(PathOf(file)));
}
