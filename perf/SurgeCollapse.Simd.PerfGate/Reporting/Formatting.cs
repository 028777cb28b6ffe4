using System.Globalization;
using SurgeCollapse.Simd.PerfGate.Comparison;

namespace SurgeCollapse.Simd.PerfGate.Reporting;

/// <summary>How the table and the summary spell times, changes, p-values, bytes and verdicts.</summary>
internal static class Formatting
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A time per operation in ns, µs or ms with four significant digits.</summary>
    public static string Time(double nanoseconds) => double.IsNaN(nanoseconds) ? "-" : nanoseconds switch
    {
        < 1e3 => nanoseconds.ToString("0.00", Invariant) + " ns",
        < 1e6 => (nanoseconds / 1e3).ToString("0.000", Invariant) + " µs",
        _ => (nanoseconds / 1e6).ToString("0.000", Invariant) + " ms",
    };

    /// <summary>A signed percentage, e.g. <c>+20.1%</c>.</summary>
    public static string Change(double relative) => double.IsNaN(relative) ? "-" : relative.ToString("+0.0%;-0.0%;0.0%", Invariant);

    /// <summary>A p-value with three significant digits.</summary>
    public static string PValue(double p) => double.IsNaN(p) ? "-" : p < 1e-4 ? p.ToString("0.0e0", Invariant) : p.ToString("0.0000", Invariant);

    /// <summary>Bytes per operation, <c>base → now</c> when they differ.</summary>
    public static string Allocation(BenchmarkComparison c)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (c.Time is TimeVerdict.OnlyInBaseline or TimeVerdict.OnlyInCurrent)
            return (c.BaselineAllocatedBytes ?? c.CurrentAllocatedBytes)?.ToString(Invariant) + " B";
        string before = c.BaselineAllocatedBytes?.ToString(Invariant) ?? "?";
        string after = c.CurrentAllocatedBytes?.ToString(Invariant) ?? "?";
        return before == after ? before + " B" : $"{before} → {after} B";
    }

    /// <summary>The verdict in one word, regressions in capitals so they stand out in a log.</summary>
    public static string Verdict(BenchmarkComparison c)
    {
        ArgumentNullException.ThrowIfNull(c);
        string time = c.Time switch
        {
            TimeVerdict.Slower => "SLOWER",
            TimeVerdict.Faster => "faster",
            TimeVerdict.OnlyInBaseline => "missing",
            TimeVerdict.OnlyInCurrent => "new",
            _ => "same",
        };
        return c.Allocation == AllocationVerdict.More ? time + ", ALLOCATES MORE" : time;
    }

    /// <summary>The name without the namespace, which every benchmark of the suite shares.</summary>
    public static string ShortName(string fullName)
    {
        ArgumentNullException.ThrowIfNull(fullName);
        int parameters = fullName.IndexOf('(', StringComparison.Ordinal);
        string head = parameters < 0 ? fullName : fullName[..parameters];
        int methodDot = head.LastIndexOf('.');
        int typeDot = methodDot > 0 ? head.LastIndexOf('.', methodDot - 1) : -1;
        return typeDot < 0 ? fullName : fullName[(typeDot + 1)..];
    }
}
