namespace SurgeCollapse.Simd.Entropy;

/// <summary>
/// The histogram entropy of a set of values — a batch's vector targets, or any tensor (SPEC §5). The count buffer is
/// allocated here, once, so a measurement allocates nothing.
/// </summary>
public sealed class EntropyMeter
{
    private readonly int[] _counts;

    /// <summary>Creates a meter; <paramref name="options"/> (default: 64 bins, batch range, nats) are validated here.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public EntropyMeter(EntropyOptions? options = null)
    {
        Options = options ?? new EntropyOptions();
        Options.Validate();
        _counts = new int[Options.Bins];
    }

    /// <summary>The bins, range, unit and correction used.</summary>
    public EntropyOptions Options { get; }

    /// <summary>The bin counts of the last measurement.</summary>
    public ReadOnlySpan<int> Counts => _counts;

    /// <summary>The histogram entropy of the finite values of <paramref name="values"/> (NaN and ±∞ are not counted).</summary>
    public EntropyEstimate Measure(ReadOnlySpan<float> values)
    {
        if (Options.Range == HistogramRange.Fixed)
            Histogram.Count(values, Options.Low, Options.High, _counts);
        else
        {
            ValueSummary summary = Histogram.Summarize(values);
            if (summary.Min < summary.Max)
                Histogram.Count(values, summary.Min, summary.Max, _counts);
            else
                Histogram.CountAllInLastBin(_counts, summary.FiniteCount);
        }

        return EntropyEstimate.FromCounts(_counts, Options.Unit, Options.MillerMadow);
    }
}
