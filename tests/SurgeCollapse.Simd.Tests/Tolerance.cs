using Xunit.Sdk;

namespace SurgeCollapse.Simd.Tests;

/// <summary>The one comparison helper: |expected − actual| ≤ max(abs, rel·max(|expected|, |actual|)).</summary>
internal static class Tolerance
{
    /// <summary>Unit roundoff of float32 (2⁻²⁴).</summary>
    public const double FloatEpsilon = 1.0 / (1 << 24);

    public static void Equal(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double absolute, double relative, string what)
    {
        if (expected.Length != actual.Length)
            throw new XunitException($"{what}: length {actual.Length}, expected {expected.Length}");
        int worst = -1;
        double worstExcess = 0, largest = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double difference = Math.Abs(expected[i] - actual[i]);
            largest = Math.Max(largest, difference);
            double allowed = Math.Max(absolute, relative * Math.Max(Math.Abs(expected[i]), Math.Abs(actual[i])));
            if (!(difference <= allowed) && (worst < 0 || difference - allowed > worstExcess))
            {
                worst = i;
                worstExcess = difference - allowed;
            }
        }

        if (worst >= 0)
            throw new XunitException($"{what}: at index {worst} expected {expected[worst]:R}, got {actual[worst]:R}; largest difference {largest:G3}");
    }

    /// <summary>Element-wise bound: |expected[i] − actual[i]| ≤ bound[i].</summary>
    public static void WithinBound(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, ReadOnlySpan<double> bound, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            double difference = Math.Abs(expected[i] - actual[i]);
            if (!(difference <= bound[i]))
                throw new XunitException($"{what}: at index {i} expected {expected[i]:R}, got {actual[i]:R}, difference {difference:G3} > bound {bound[i]:G3}");
        }
    }
}
