namespace SurgeCollapse.Simd.Entropy;

/// <summary>
/// What the first histogram pass learns about a set of values: the range of the finite ones and of the positive ones,
/// and how many are finite, exactly zero and positive. NaN and ±∞ are not finite: no histogram counts them.
/// </summary>
/// <param name="Min">The smallest finite value; +∞ when there is none. −0 and +0 may come back for each other.</param>
/// <param name="Max">The largest finite value; −∞ when there is none.</param>
/// <param name="MinPositive">The smallest finite value above zero; +∞ when there is none (the largest is <paramref name="Max"/>).</param>
/// <param name="FiniteCount">How many values are finite (the N of the histogram).</param>
/// <param name="ZeroCount">How many values are exactly zero, +0 or −0.</param>
/// <param name="PositiveCount">How many values are finite and above zero.</param>
public readonly record struct ValueSummary(float Min, float Max, float MinPositive, int FiniteCount, int ZeroCount, int PositiveCount);
