using System.Globalization;

namespace SurgeCollapse.Simd.PerfGate.Comparison;

/// <summary>When a difference counts. A benchmark is slower (or faster) only when all three agree.</summary>
/// <param name="RelativeThreshold">The median change must exceed this fraction of the baseline median (0.05 = 5 %).</param>
/// <param name="NoiseFloorNs">… and this many nanoseconds per operation, so that a 2 ns kernel moving by 10 % of
/// its time (timer resolution territory) is not a regression.</param>
/// <param name="SignificanceLevel">… and the two-sided Mann–Whitney p-value must be below this.</param>
internal sealed record GateThresholds(double RelativeThreshold = 0.05, double NoiseFloorNs = 50, double SignificanceLevel = 0.05)
{
    /// <summary>Throws <see cref="GateInputException"/> naming the option, its value and the allowed range.</summary>
    public void Validate()
    {
        if (!(RelativeThreshold >= 0 && RelativeThreshold < 10))
            throw new GateInputException(Invalid("--threshold", RelativeThreshold, "0 % to 1000 %"));
        if (!(NoiseFloorNs >= 0 && double.IsFinite(NoiseFloorNs)))
            throw new GateInputException(Invalid("--noise-floor-ns", NoiseFloorNs, "a finite number ≥ 0"));
        if (!(SignificanceLevel > 0 && SignificanceLevel < 1))
            throw new GateInputException(Invalid("--alpha", SignificanceLevel, "(0, 1)"));
    }

    private static string Invalid(string option, double value, string range) =>
        string.Create(CultureInfo.InvariantCulture, $"{option} is {value}; allowed: {range}.");
}
