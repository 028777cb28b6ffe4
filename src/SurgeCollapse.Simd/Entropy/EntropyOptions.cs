using System.Globalization;

namespace SurgeCollapse.Simd.Entropy;

/// <summary>How histogram entropies are measured (SPEC §5), with the spec's defaults.</summary>
public sealed record EntropyOptions
{
    /// <summary>
    /// Largest accepted <see cref="Bins"/>. A batch of 64 × 256 activations spreads over 256 bins at 64 values a bin,
    /// and the activation meter counts in a table of B·(B + 1) cells, which must stay small next to a batch.
    /// </summary>
    public const int MaxBins = 256;

    /// <summary>The number of bins B, in [1, <see cref="MaxBins"/>]. Default 64.</summary>
    public int Bins { get; init; } = 64;

    /// <summary>The interval the bins span. Default <see cref="HistogramRange.Batch"/>.</summary>
    public HistogramRange Range { get; init; } = HistogramRange.Batch;

    /// <summary>Lower edge of the <see cref="HistogramRange.Fixed"/> range (ignored for the batch range). Default 0.</summary>
    public float Low { get; init; }

    /// <summary>Upper edge of the <see cref="HistogramRange.Fixed"/> range (ignored for the batch range). Default 1.</summary>
    public float High { get; init; } = 1f;

    /// <summary>The unit of <see cref="EntropyEstimate.Entropy"/>. Default <see cref="EntropyUnit.Nats"/>.</summary>
    public EntropyUnit Unit { get; init; } = EntropyUnit.Nats;

    /// <summary>
    /// Adds the Miller–Madow bias correction (m − 1) / (2N) nats, m the number of non-empty bins and N the number of
    /// values: the plug-in estimate −Σ p ln p is biased low by about that much. Default off.
    /// </summary>
    public bool MillerMadow { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of range, its value and the range.</summary>
    public void Validate()
    {
        OptionCheck.Range(Bins is >= 1 and <= MaxBins, nameof(EntropyOptions), nameof(Bins), Bins, $"[1, {MaxBins}]");
        OptionCheck.Range(Range is HistogramRange.Batch or HistogramRange.Fixed, nameof(EntropyOptions), nameof(Range), Range, "{Batch, Fixed}");
        OptionCheck.Range(Unit is EntropyUnit.Nats or EntropyUnit.Bits, nameof(EntropyOptions), nameof(Unit), Unit, "{Nats, Bits}");
        if (Range == HistogramRange.Fixed)
        {
            OptionCheck.Range(float.IsFinite(Low), nameof(EntropyOptions), nameof(Low), Low, "finite");
            // The bins divide by High − Low in float32, so that difference must be positive and finite too.
            OptionCheck.Range(High > Low && float.IsFinite(High - Low), nameof(EntropyOptions), nameof(High), High,
                string.Create(CultureInfo.InvariantCulture, $"({Low}, {Low} + float.MaxValue] (above Low, width finite in float32)"));
        }
    }
}
