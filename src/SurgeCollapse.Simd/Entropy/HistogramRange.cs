namespace SurgeCollapse.Simd.Entropy;

/// <summary>Which interval a histogram's bins span (SPEC §5).</summary>
public enum HistogramRange
{
    /// <summary>
    /// [min, max] of the finite values at hand, so the entropy describes the shape of the distribution whatever its
    /// scale (the default, as <c>torch.histc</c> with <c>min = max = 0</c>).
    /// </summary>
    Batch,
    /// <summary>
    /// [<see cref="EntropyOptions.Low"/>, <see cref="EntropyOptions.High"/>] given by the user; values outside are
    /// clamped into the edge bins (where <c>torch.histc</c> would drop them).
    /// </summary>
    Fixed,
}
