using System.Globalization;
using SurgeCollapse.Simd.Statistics;

namespace SurgeCollapse.Cli.Reporting;

/// <summary>How the report prints numbers and verdicts: invariant culture, four significant digits, "—" for none.</summary>
internal static class ReportFormat
{
    public const string None = "—";

    /// <summary>The value in <paramref name="format"/> (general formats print small values as <c>5.36e-05</c>).</summary>
    public static string Number(double value, string format = "G4") =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal) : None;

    /// <summary>
    /// <c>mean ± sd</c>, the spread to three significant digits; the mean alone for one value (no spread is defined);
    /// "—" for none.
    /// </summary>
    public static string MeanSd(SampleSummary summary, string format = "G4") => summary.Count switch
    {
        0 => None,
        1 => Number(summary.Mean, format),
        _ => $"{Number(summary.Mean, format)} ± {Number(summary.StandardDeviation, format == "G4" ? "G3" : format)}",
    };

    /// <summary>A signed difference, e.g. <c>-3.21e-04</c> or <c>+0.0012</c>.</summary>
    public static string Signed(double value) =>
        !double.IsFinite(value) ? None : (value > 0 ? "+" : "") + Number(value, "G3");

    public static string Interval(PairedComparison comparison) =>
        comparison.Verdict == ComparisonVerdict.NotEnoughPairs ? None : $"[{Signed(comparison.Lower)}, {Signed(comparison.Upper)}]";

    /// <summary>
    /// The verdict in words. Only an interval that excludes zero supports a claim, and the claim is only about lower or
    /// higher loss; an interval across zero is "no evidence", never "no difference".
    /// </summary>
    public static string Verdict(PairedComparison comparison) => comparison.Verdict switch
    {
        ComparisonVerdict.NotEnoughPairs => $"not enough pairs (n = {comparison.Count})",
        ComparisonVerdict.NoEvidence => "no evidence",
        ComparisonVerdict.TreatmentLower => "lower than baseline",
        ComparisonVerdict.TreatmentHigher => "higher than baseline",
        _ => comparison.Verdict.ToString(),
    };

    /// <summary>The verdict as summary.json writes it.</summary>
    public static string VerdictKey(ComparisonVerdict verdict) => verdict switch
    {
        ComparisonVerdict.NotEnoughPairs => "not_enough_pairs",
        ComparisonVerdict.NoEvidence => "no_evidence",
        ComparisonVerdict.TreatmentLower => "lower_than_baseline",
        ComparisonVerdict.TreatmentHigher => "higher_than_baseline",
        _ => verdict.ToString(),
    };

    public static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
