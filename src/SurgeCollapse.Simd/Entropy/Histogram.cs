using System.Numerics.Tensors;
using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Simd.Entropy;

/// <summary>
/// Histograms binned exactly as <c>torch.histc</c> bins float32 values (SPEC §5), in two passes:
/// <see cref="Summarize(ReadOnlySpan{float})"/> finds the range, <see cref="Count(ReadOnlySpan{float}, float, float, Span{int})"/>
/// bins. Only finite values are counted: NaN and ±∞ are left out (the summary says how many values were finite), so a
/// diverging layer still gets an entropy over the values it has.
/// </summary>
/// <remarks>
/// Bin indices are computed with vectors, then each value increments its cell with a scalar store (no cross-platform
/// scatter exists). Counts are integers, so every path gives the same counts.
/// </remarks>
public static partial class Histogram
{
    /// <summary>Values binned between two scatter phases: 1 KiB of indices on the stack.</summary>
    private const int BlockLength = 256;

    /// <summary>
    /// The bin of a finite value among <paramref name="bins"/> equal bins spanning [<paramref name="low"/>,
    /// <paramref name="high"/>]: <c>(int)((value − low) · bins / (high − low))</c> computed in float32 in that order, as
    /// libtorch's histc kernel does (aten/src/ATen/native/cpu/HistogramKernel.cpp, LINEAR_INTERPOLATION). A value equal to
    /// <paramref name="high"/> goes into the last bin, as there; values outside the range are clamped into the edge bins,
    /// where torch drops them. With <paramref name="low"/> = <paramref name="high"/> every value not below goes into the
    /// last bin.
    /// </summary>
    public static int Bin(float value, float low, float high, int bins)
    {
        if (value >= high)
            return bins - 1;
        if (value <= low)
            return 0;
        // Just below high the quotient can round up to bins; torch moves that into the last bin too.
        return Math.Min((int)((value - low) * (float)bins / (high - low)), bins - 1);
    }

    /// <summary>
    /// Counts the finite values of <paramref name="values"/> into <paramref name="counts"/>, one bin per element, spanning
    /// [<paramref name="low"/>, <paramref name="high"/>] as <see cref="Bin"/>; <paramref name="counts"/> is overwritten.
    /// </summary>
    /// <remarks>
    /// Values piling into one bin make consecutive increments of one counter, each waiting for the last to be stored:
    /// data with a spike (exact zeros of a ReLU layer, pruned weights) bins two to three times more slowly than spread data.
    /// <see cref="ActivationEntropyMeter"/> sets the ReLU spike aside.
    /// </remarks>
    /// <returns>The number of values counted (the finite ones).</returns>
    /// <exception cref="ArgumentException"><paramref name="counts"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range is not finite, is reversed, or its width overflows float32.</exception>
    public static int Count(ReadOnlySpan<float> values, float low, float high, Span<int> counts) =>
        Count(values, low, high, counts, SimdCapabilities.Widest);

    /// <summary>As the public overload, on the given path (tests force each one).</summary>
    internal static int Count(ReadOnlySpan<float> values, float low, float high, Span<int> counts, SimdWidth width)
    {
        if (counts.IsEmpty)
            throw new ArgumentException("a histogram needs at least one bin", nameof(counts));
        CheckRange(low, high, nameof(high));
        counts.Clear();
        // The vector rule divides by high − low; a zero-width range takes the scalar rule.
        if (low == high)
            CountReference(values, low, high, counts);
        else
            Scatter(values, new BinMap(low, high, counts.Length), counts, width);
        return TensorPrimitives.Sum<int>(counts);
    }

    /// <summary>
    /// Counts, in one pass, the histogram of all finite values over [<paramref name="low"/>, <paramref name="high"/>]
    /// into <paramref name="counts"/> and the histogram of the positive ones over [<paramref name="positiveLow"/>,
    /// <paramref name="positiveHigh"/>] into <paramref name="positiveCounts"/> (both overwritten). Each value increments
    /// one cell of a B × (B + 1) table of (bin, positive bin or none) pairs, whose row and column sums are the two
    /// histograms: one store per value instead of two. Exact zeros — half of a ReLU layer — go to spare cells instead of
    /// one hot cell (a chain of increments to one address waits on store forwarding) and are added to their bin at the end.
    /// <paramref name="pairs"/> is scratch of <see cref="PairTableLength"/>(B) zeros, left zeroed. Returns the number of
    /// values exactly zero.
    /// </summary>
    internal static int CountWithPositivePart(ReadOnlySpan<float> values, float low, float high, float positiveLow, float positiveHigh,
        Span<int> counts, Span<int> positiveCounts, Span<int> pairs, SimdWidth width)
    {
        int bins = counts.Length;
        if (bins == 0 || positiveCounts.Length != bins || pairs.Length != PairTableLength(bins))
            throw new ArgumentException($"{bins} bins need {bins} positive counts and {PairTableLength(bins)} pair cells, got {positiveCounts.Length} and {pairs.Length}");
        CheckRange(low, high, nameof(high));
        CheckRange(positiveLow, positiveHigh, nameof(positiveHigh));
        counts.Clear();
        positiveCounts.Clear();
        if (low == high || positiveLow == positiveHigh)
            return CountWithPositivePartReference(values, low, high, positiveLow, positiveHigh, counts, positiveCounts);

        Scatter(values, new PairMap(low, high, positiveLow, positiveHigh, bins), pairs, width);
        for (int bin = 0; bin < bins; bin++)
        {
            Span<int> row = pairs.Slice(bin * (bins + 1), bins + 1);
            counts[bin] = TensorPrimitives.Sum<int>(row);
            TensorPrimitives.Add(positiveCounts, row[..bins], positiveCounts);
            row.Clear();
        }

        Span<int> spares = pairs[^PairMap.SpareCells..];
        int zeros = TensorPrimitives.Sum<int>(spares);
        spares.Clear();
        counts[Bin(0f, low, high, bins)] += zeros;
        return zeros;
    }

    /// <summary>
    /// The histogram of values spanning a zero range: each equals the maximum, which goes into the last bin (so the
    /// entropy is 0, SPEC §5). The meters take this path rather than bin every value of a constant layer.
    /// </summary>
    internal static void CountAllInLastBin(Span<int> counts, int count)
    {
        counts.Clear();
        counts[^1] = count;
    }

    /// <summary>Cells of the pair table behind <see cref="CountWithPositivePart"/> for <paramref name="bins"/> bins.</summary>
    internal static int PairTableLength(int bins) => bins * (bins + 1) + PairMap.SpareCells;

    private static void CheckRange(float low, float high, string name)
    {
        if (!(float.IsFinite(low) && float.IsFinite(high) && low <= high && float.IsFinite(high - low)))
            throw new ArgumentOutOfRangeException(name, $"the range [{low}, {high}] must be finite, ordered and less than float.MaxValue wide");
    }

    /// <summary>Maps blocks of values to cells with vectors, then increments each cell; a cell of −1 counts nothing.</summary>
    private static void Scatter<TMap>(ReadOnlySpan<float> values, TMap map, Span<int> table, SimdWidth width)
        where TMap : struct, ICellMap
    {
        Span<int> cells = stackalloc int[BlockLength];
        for (int start = 0; start < values.Length; start += BlockLength)
        {
            int length = Math.Min(BlockLength, values.Length - start);
            MapCells(values.Slice(start, length), cells, map, width);
            // Indices are all written before any is read back: reading a lane right after its vector store would stall.
            foreach (int cell in cells[..length])
            {
                if ((uint)cell < (uint)table.Length)
                    table[cell]++;
            }
        }
    }
}
