using System.Text.Json.Serialization;

namespace SurgeCollapse.Cli.Reporting;

/// <summary>
/// Source-generated (reflection-free, so NativeAOT- and trim-safe) reading of run.json: snake_case names, NaN and
/// Infinity accepted as numbers (a diverged run may hold them), comments and trailing commas tolerated.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(RunRecord))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
