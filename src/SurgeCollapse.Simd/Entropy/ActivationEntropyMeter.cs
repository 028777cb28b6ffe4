using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Simd.Entropy;

/// <summary>
/// The entropy of a hidden layer's post-ReLU activations over a batch (SPEC §5): of all values, of the positive part,
/// and the zero fraction, in two passes over the activations. Its buffers are allocated here, once — the packing scratch
/// at the first measurement of the largest layer — so a measurement allocates nothing.
/// </summary>
public sealed class ActivationEntropyMeter
{
    private readonly int[] _counts, _positiveCounts, _pairs;
    private float[] _packed = [];

    /// <summary>Creates a meter; <paramref name="options"/> (default: 64 bins, batch range, nats) are validated here.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public ActivationEntropyMeter(EntropyOptions? options = null)
    {
        Options = options ?? new EntropyOptions();
        Options.Validate();
        _counts = new int[Options.Bins];
        _positiveCounts = new int[Options.Bins];
        _pairs = new int[Histogram.PairTableLength(Options.Bins)];
    }

    /// <summary>The bins, range, unit and correction used.</summary>
    public EntropyOptions Options { get; }

    /// <summary>The bin counts of all finite activations at the last measurement.</summary>
    public ReadOnlySpan<int> Counts => _counts;

    /// <summary>The bin counts of the positive activations at the last measurement.</summary>
    public ReadOnlySpan<int> PositiveCounts => _positiveCounts;

    /// <summary>Measures one layer's activations (all rows of the batch, any layout).</summary>
    public ActivationEntropy Measure(ReadOnlySpan<float> activations)
    {
        // Grown to the largest layer on its first measurement, then reused.
        if (_packed.Length < Histogram.PackedLength(activations.Length))
            _packed = new float[Histogram.PackedLength(activations.Length)];
        // Zeros and NaN/±∞ are packed out in the pass that summarises the values: only the values left are binned.
        int kept = Histogram.PackNonZero(activations, _packed, SimdCapabilities.Widest, out ValueSummary summary);
        int zeros = summary.ZeroCount;
        (float low, float high, float positiveLow) = (Options.Low, Options.High, Options.Low);
        bool positiveSpread = true;
        if (Options.Range == HistogramRange.Batch)
        {
            if (!(summary.Min < summary.Max))
            {
                Histogram.CountAllInLastBin(_counts, summary.FiniteCount);
                Histogram.CountAllInLastBin(_positiveCounts, summary.PositiveCount);
                return Result(zeros, activations.Length);
            }

            // Fewer than two distinct positive values span no range: any valid one will do, the counts are set below.
            positiveSpread = summary.MinPositive < summary.Max;
            (low, high, positiveLow) = (summary.Min, summary.Max, positiveSpread ? summary.MinPositive : summary.Min);
        }

        Histogram.CountWithPositivePart(_packed, kept, zeros, low, high, positiveLow, high, _counts, _positiveCounts, _pairs, SimdCapabilities.Widest);
        if (!positiveSpread)
            Histogram.CountAllInLastBin(_positiveCounts, summary.PositiveCount);
        return Result(zeros, activations.Length);
    }

    private ActivationEntropy Result(int zeros, int length)
    {
        EntropyEstimate all = EntropyEstimate.FromCounts(_counts, Options.Unit, Options.MillerMadow);
        int finite = (int)all.Count;
        return new ActivationEntropy(all, EntropyEstimate.FromCounts(_positiveCounts, Options.Unit, Options.MillerMadow),
            finite > 0 ? (double)zeros / finite : 0, length - finite);
    }
}
