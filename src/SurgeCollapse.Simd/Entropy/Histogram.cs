using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Simd.Entropy;

/// <summary>
/// Histograms binned exactly as <c>torch.histc</c> bins float32 values (SPEC §5), in two passes:
/// <see cref="Summarize(ReadOnlySpan{float})"/> finds the range, <see cref="Count(ReadOnlySpan{float}, float, float, Span{int})"/>
/// bins. Only finite values are counted: NaN and ±∞ are left out (the summary says how many values were finite), so a
/// diverging layer still gets an entropy over the values it has.
/// </summary>
/// <remarks>
/// Bin indices are computed with vectors. Up to 64 bins, with AVX2 or AVX-512, vectors of one-hot words are summed in
/// bit-sliced counters (Histogram.BitSliced.cs); otherwise each value increments its cell with a scalar store (no
/// cross-platform scatter exists) — for <see cref="Count(ReadOnlySpan{float}, float, float, Span{int})"/>, consecutive
/// values in different copies of the table; the pair table keeps one copy, which measured as fast as two. Counts are
/// integers, so every path gives the same counts.
/// </remarks>
public static partial class Histogram
{
    /// <summary>Values binned between two scatter phases: 1 KiB of cells on the stack.</summary>
    private const int BlockLength = 256;

    /// <summary>Copies of the count table <see cref="Count(ReadOnlySpan{float}, float, float, Span{int})"/> increments in turn (at most 4 KiB).</summary>
    private const int CountCopies = 4;

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
    /// Values piling into one bin would make consecutive increments of one counter, each waiting for the last to be
    /// stored; consecutive values increment <see cref="CountCopies"/> copies of the table in turn instead.
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
        else if (CanCountBitSliced(counts.Length, width))
            CountBitSliced(values, values.Length, new BinMap(low, high, counts.Length), counts, width);
        else
        {
            Span<int> copies = stackalloc int[CountCopies * counts.Length]; // zeroed: the assembly initialises locals
            Scatter(values, values.Length, new BinMap(low, high, counts.Length), copies, counts.Length, width);
            for (int copy = 0; copy < CountCopies; copy++)
                TensorPrimitives.Add(counts, copies.Slice(copy * counts.Length, counts.Length), counts);
        }

        return TensorPrimitives.Sum<int>(counts);
    }

    /// <summary>
    /// Counts the histogram of all finite values over [<paramref name="low"/>, <paramref name="high"/>] into
    /// <paramref name="counts"/> and the histogram of the positive ones over [<paramref name="positiveLow"/>,
    /// <paramref name="positiveHigh"/>] into <paramref name="positiveCounts"/> (both overwritten), from the values as
    /// <see cref="PackNonZero"/> leaves them: the <paramref name="kept"/> finite non-zero values at the front of
    /// <paramref name="packed"/> (with the slack after them) and <paramref name="zeros"/> exact zeros. Up to 64 bins the
    /// two histograms are counted bit-sliced; otherwise each packed value increments one cell of a B × (B + 1) table of
    /// (bin, positive bin or none) pairs, whose row and column sums are the two histograms: one store per value instead of
    /// two. The zeros — half of a ReLU layer — cost neither a division nor a count: they are added to their bin at the
    /// end. <paramref name="pairs"/> is scratch of <see cref="PairTableLength"/>(B) zeros, left zeroed.
    /// </summary>
    internal static void CountWithPositivePart(ReadOnlySpan<float> packed, int kept, int zeros, float low, float high,
        float positiveLow, float positiveHigh, Span<int> counts, Span<int> positiveCounts, Span<int> pairs, SimdWidth width)
    {
        int bins = counts.Length;
        if (bins == 0 || positiveCounts.Length != bins || pairs.Length != PairTableLength(bins))
            throw new ArgumentException($"{bins} bins need {bins} positive counts and {PairTableLength(bins)} pair cells, got {positiveCounts.Length} and {pairs.Length}");
        CheckRange(low, high, nameof(high));
        CheckRange(positiveLow, positiveHigh, nameof(positiveHigh));
        counts.Clear();
        positiveCounts.Clear();
        if (low == high || positiveLow == positiveHigh)
            CountWithPositivePartReference(packed[..kept], low, high, positiveLow, positiveHigh, counts, positiveCounts);
        else if (CanCountBitSliced(bins, width))
        {
            CountBitSliced(packed, kept, new PackedBinMap(low, high, bins, positiveOnly: false), counts, width);
            CountBitSliced(packed, kept, new PackedBinMap(positiveLow, positiveHigh, bins, positiveOnly: true), positiveCounts, width);
        }
        else
        {
            Scatter(packed, kept, new PairMap(low, high, positiveLow, positiveHigh, bins), pairs, pairs.Length, width);
            SumRowsAndColumns(pairs, bins, counts, positiveCounts);
            pairs.Clear();
        }

        counts[Bin(0f, low, high, bins)] += zeros;
    }

    /// <summary>
    /// Adds the pair table's row sums (the bins of all values) to <paramref name="rowSums"/> and its column sums but the
    /// last (the bins of the positive values) to <paramref name="columnSums"/>, in one pass over the table: a call per row
    /// of a library reduction cost more than the sums themselves.
    /// </summary>
    private static void SumRowsAndColumns(ReadOnlySpan<int> table, int bins, Span<int> rowSums, Span<int> columnSums)
    {
        ref int column0 = ref MemoryMarshal.GetReference(columnSums);
        for (int row = 0; row < bins; row++)
        {
            ReadOnlySpan<int> cells = table.Slice(row * (bins + 1), bins + 1);
            ref int cell0 = ref MemoryMarshal.GetReference(cells);
            int sum = cells[bins], j = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                Vector256<int> rowSum = default;
                for (; j <= bins - Vector256<int>.Count; j += Vector256<int>.Count)
                {
                    Vector256<int> counts = Vector256.LoadUnsafe(ref cell0, (nuint)j);
                    rowSum += counts;
                    (Vector256.LoadUnsafe(ref column0, (nuint)j) + counts).StoreUnsafe(ref column0, (nuint)j);
                }

                sum += Vector256.Sum(rowSum);
            }

            for (; j < bins; j++)
            {
                sum += cells[j];
                columnSums[j] += cells[j];
            }

            rowSums[row] += sum;
        }
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
    internal static int PairTableLength(int bins) => bins * (bins + 1);

    /// <summary>Floats of the scratch <see cref="PackNonZero"/> needs for <paramref name="count"/> values: room for a whole last vector.</summary>
    internal static int PackedLength(int count) => count + Vector512<float>.Count;

    private static void CheckRange(float low, float high, string name)
    {
        if (!(float.IsFinite(low) && float.IsFinite(high) && low <= high && float.IsFinite(high - low)))
            throw new ArgumentOutOfRangeException(name, $"the range [{low}, {high}] must be finite, ordered and less than float.MaxValue wide");
    }

    /// <summary>
    /// Maps blocks of the first <paramref name="count"/> values to cells with vectors, then increments each cell (see
    /// <see cref="Increment"/>). Where <paramref name="values"/> holds more — packed values and the slack after them —
    /// the last values are mapped in a whole vector, not by the slow scalar rule, and the cells past them are left out.
    /// </summary>
    private static void Scatter<TMap>(ReadOnlySpan<float> values, int count, TMap map, Span<int> tables, int tableLength, SimdWidth width)
        where TMap : struct, ICellMap
    {
        int lanes = width switch
        {
            SimdWidth.Vector512 => Vector512<float>.Count,
            SimdWidth.Vector256 => Vector256<float>.Count,
            SimdWidth.Vector128 => Vector128<float>.Count,
            _ => 1,
        };
        Span<int> cells = stackalloc int[BlockLength + Vector512<float>.Count];
        for (int start = 0; start < count; start += BlockLength)
        {
            int length = Math.Min(BlockLength, count - start);
            int mapped = Math.Min((length + lanes - 1) / lanes * lanes, values.Length - start);
            int kept = MapCells(values.Slice(start, mapped), cells, map, width);
            Increment(cells[..Math.Min(kept, length)], tables, tableLength);
        }
    }

    /// <summary>
    /// Increments each cell in <paramref name="tables"/>, copies of <paramref name="tableLength"/> counts laid end to end,
    /// consecutive cells in different copies: a run of equal cells (a spike of the data) then stores to different
    /// addresses instead of waiting on its own last store. Cells are all written before any is read back here: reading
    /// a lane right after its vector store would stall.
    /// </summary>
    private static void Increment(ReadOnlySpan<int> cells, Span<int> tables, int tableLength)
    {
        // Unchecked: every cell is in [0, tableLength) by construction (the maps clamp, MapCells drops negatives), and
        // four bounds checks per four increments were a third of this loop.
        int copies = tables.Length / tableLength;
        ref int first = ref MemoryMarshal.GetReference(tables);
        ref int second = ref Unsafe.Add(ref first, copies > 1 ? tableLength : 0);
        ref int third = ref Unsafe.Add(ref first, copies > 2 ? 2 * tableLength : 0);
        ref int fourth = ref Unsafe.Add(ref first, (copies - 1) * tableLength);
        ref int cell = ref MemoryMarshal.GetReference(cells);
        int j = 0;
        for (; j <= cells.Length - 4; j += 4)
        {
            Unsafe.Add(ref first, Unsafe.Add(ref cell, j))++;
            Unsafe.Add(ref second, Unsafe.Add(ref cell, j + 1))++;
            Unsafe.Add(ref third, Unsafe.Add(ref cell, j + 2))++;
            Unsafe.Add(ref fourth, Unsafe.Add(ref cell, j + 3))++;
        }

        for (; j < cells.Length; j++)
            Unsafe.Add(ref first, Unsafe.Add(ref cell, j))++;
    }
}
