namespace SurgeCollapse.Simd.Statistics;

/// <summary>Smoothing of a per-step series for charts (a noisy per-batch training loss, say).</summary>
public static class Smoothing
{
    /// <summary>
    /// The trailing moving mean: destination[i] is the mean of the finite values among source[i − window + 1 .. i]
    /// (fewer at the start), NaN where that stretch holds none. Trailing rather than centred, so a value depends
    /// only on steps already taken, as a training log would show it.
    /// </summary>
    /// <param name="source">The series, one value per step; NaN or ±∞ entries are skipped.</param>
    /// <param name="window">How many steps each mean covers, at least 1.</param>
    /// <param name="destination">Receives the smoothed series; as long as <paramref name="source"/>. May not overlap it.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is below 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> differs in length from <paramref name="source"/>.</exception>
    public static void TrailingMean(ReadOnlySpan<double> source, int window, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        if (destination.Length != source.Length)
            throw new ArgumentException($"destination has {destination.Length} elements, source {source.Length}", nameof(destination));
        // A running sum would let rounding drift over thousands of steps; windows are short, so sum each afresh.
        for (int i = 0; i < source.Length; i++)
        {
            double sum = 0;
            int count = 0;
            for (int j = Math.Max(0, i - window + 1); j <= i; j++)
            {
                if (double.IsFinite(source[j]))
                {
                    sum += source[j];
                    count++;
                }
            }

            destination[i] = count == 0 ? double.NaN : sum / count;
        }
    }
}
