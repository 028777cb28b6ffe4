using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Simd.Entropy;

public static partial class Histogram
{
    /// <summary>Maps values to the cells of a count table, one vector width at a time; a negative cell counts nothing.</summary>
    private interface ICellMap
    {
        int Cell(float value);
        Vector128<int> Cells(Vector128<float> values);
        Vector256<int> Cells(Vector256<float> values);
        Vector512<int> Cells(Vector512<float> values);
    }

    /// <summary>
    /// Writes the non-negative cells of <c>map(values[i])</c> to the front of <paramref name="cells"/> in order and returns
    /// how many: the values that count nothing (a ReLU layer's zeros, NaN) cost no increment later. Each width takes the
    /// whole vectors it can and leaves the rest to the next narrower one, then scalar code finishes.
    /// </summary>
    /// <remarks>
    /// Cells are packed by <see cref="Append(Vector256{int}, uint, ref int, int)"/>, whose write position never passes the
    /// read position, so <paramref name="cells"/> needs no more room than <paramref name="values"/> holds.
    /// </remarks>
    private static int MapCells<TMap>(ReadOnlySpan<float> values, Span<int> cells, TMap map, SimdWidth width)
        where TMap : struct, ICellMap
    {
        ref float x0 = ref MemoryMarshal.GetReference(values);
        ref int c0 = ref MemoryMarshal.GetReference(cells);
        int length = values.Length, i = 0, kept = 0;
        if (width >= SimdWidth.Vector512)
        {
            for (; i <= length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                Vector512<int> mapped = map.Cells(Vector512.LoadUnsafe(ref x0, (nuint)i));
                uint keep = ~(uint)mapped.ExtractMostSignificantBits() & 0xFFFFu;
                if (keep == 0xFFFFu)
                {
                    // Every value counts (the usual case: all finite, or the pair table's packed values): no packing needed.
                    mapped.StoreUnsafe(ref c0, (nuint)kept);
                    kept += Vector512<int>.Count;
                }
                else
                {
                    kept = Append(mapped.GetLower(), keep, ref c0, kept);
                    kept = Append(mapped.GetUpper(), keep >> 8, ref c0, kept);
                }
            }
        }

        if (width >= SimdWidth.Vector256)
        {
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<int> mapped = map.Cells(Vector256.LoadUnsafe(ref x0, (nuint)i));
                uint keep = ~mapped.ExtractMostSignificantBits() & 0xFFu;
                if (keep == 0xFFu)
                {
                    mapped.StoreUnsafe(ref c0, (nuint)kept);
                    kept += Vector256<int>.Count;
                }
                else
                    kept = Append(mapped, keep, ref c0, kept);
            }
        }

        if (width >= SimdWidth.Vector128)
        {
            for (; i <= length - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                Vector128<int> mapped = map.Cells(Vector128.LoadUnsafe(ref x0, (nuint)i));
                kept = Append(mapped, ~mapped.ExtractMostSignificantBits(), ref c0, kept);
            }
        }

        for (; i < length; i++)
        {
            int cell = map.Cell(values[i]);
            cells[kept] = cell;
            kept += cell >= 0 ? 1 : 0; // no branch: which values count nothing is data, not pattern
        }

        return kept;
    }

    /// <summary>
    /// <see cref="Bin"/> in vectors, for a range of positive width: the quotient clamped to [0, B − 1] and truncated is
    /// <see cref="Bin"/>'s value, since every float operation rounds monotonically (a value at or above high gives a
    /// quotient above B − 1, one at or below low gives at most 0). NaN and ±∞ map to −1.
    /// </summary>
    private readonly struct BinMap(float low, float high, int bins) : ICellMap
    {
        private readonly float _low = low, _high = high, _width = high - low, _bins = bins, _lastBin = bins - 1;

        public int Cell(float value) => float.IsFinite(value) ? Bin(value, _low, _high, (int)_bins) : -1;

        public Vector128<int> Cells(Vector128<float> x) => FiniteBins(x) | ~IsFinite(x); // −1 where not finite

        public Vector256<int> Cells(Vector256<float> x) => FiniteBins(x) | ~IsFinite(x);

        public Vector512<int> Cells(Vector512<float> x) => FiniteBins(x) | ~IsFinite(x);

        /// <summary>The bins, meaningful in the lanes of finite values.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<int> FiniteBins(Vector128<float> x)
        {
            Vector128<float> quotient = (x - Vector128.Create(_low)) * Vector128.Create(_bins) / Vector128.Create(_width);
            return Vector128.ConvertToInt32Native(Vector128.ClampNative(quotient, Vector128<float>.Zero, Vector128.Create(_lastBin)));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<int> FiniteBins(Vector256<float> x)
        {
            Vector256<float> quotient = (x - Vector256.Create(_low)) * Vector256.Create(_bins) / Vector256.Create(_width);
            return Vector256.ConvertToInt32Native(Vector256.ClampNative(quotient, Vector256<float>.Zero, Vector256.Create(_lastBin)));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<int> FiniteBins(Vector512<float> x)
        {
            Vector512<float> quotient = (x - Vector512.Create(_low)) * Vector512.Create(_bins) / Vector512.Create(_width);
            return Vector512.ConvertToInt32Native(Vector512.ClampNative(quotient, Vector512<float>.Zero, Vector512.Create(_lastBin)));
        }
    }

    /// <summary>
    /// <see cref="BinMap"/> for the values <see cref="PackNonZero"/> keeps, all finite, so without its test for NaN and ±∞;
    /// with <c>positiveOnly</c> every value not above zero maps to −1 (the positive part's histogram).
    /// </summary>
    private readonly struct PackedBinMap(float low, float high, int bins, bool positiveOnly) : ICellMap
    {
        private readonly BinMap _bins = new(low, high, bins);
        private readonly bool _positiveOnly = positiveOnly;

        public int Cell(float value) => _positiveOnly && !(value > 0f) ? -1 : _bins.Cell(value);

        public Vector128<int> Cells(Vector128<float> x) =>
            _positiveOnly ? _bins.FiniteBins(x) | ~Vector128.GreaterThan(x, Vector128<float>.Zero).AsInt32() : _bins.FiniteBins(x);

        public Vector256<int> Cells(Vector256<float> x) =>
            _positiveOnly ? _bins.FiniteBins(x) | ~Vector256.GreaterThan(x, Vector256<float>.Zero).AsInt32() : _bins.FiniteBins(x);

        public Vector512<int> Cells(Vector512<float> x) =>
            _positiveOnly ? _bins.FiniteBins(x) | ~Vector512.GreaterThan(x, Vector512<float>.Zero).AsInt32() : _bins.FiniteBins(x);
    }

    /// <summary>
    /// The cell of <see cref="CountWithPositivePart"/>'s table: row = bin among all values, column = bin among the positive
    /// values or B when the value is negative. It sees only the finite non-zero values <see cref="PackNonZero"/> keeps.
    /// </summary>
    private readonly struct PairMap(float low, float high, float positiveLow, float positiveHigh, int bins) : ICellMap
    {
        private readonly BinMap _all = new(low, high, bins), _positive = new(positiveLow, positiveHigh, bins);
        private readonly int _bins = bins, _rowLength = bins + 1;

        public int Cell(float value) => _all.Cell(value) * _rowLength + (value > 0f ? _positive.Cell(value) : _bins);

        public Vector128<int> Cells(Vector128<float> x)
        {
            Vector128<int> positive = Vector128.GreaterThan(x, Vector128<float>.Zero).AsInt32();
            return _all.FiniteBins(x) * _rowLength + Vector128.ConditionalSelect(positive, _positive.FiniteBins(x), Vector128.Create(_bins));
        }

        public Vector256<int> Cells(Vector256<float> x)
        {
            Vector256<int> positive = Vector256.GreaterThan(x, Vector256<float>.Zero).AsInt32();
            return _all.FiniteBins(x) * _rowLength + Vector256.ConditionalSelect(positive, _positive.FiniteBins(x), Vector256.Create(_bins));
        }

        public Vector512<int> Cells(Vector512<float> x)
        {
            Vector512<int> positive = Vector512.GreaterThan(x, Vector512<float>.Zero).AsInt32();
            return _all.FiniteBins(x) * _rowLength + Vector512.ConditionalSelect(positive, _positive.FiniteBins(x), Vector512.Create(_bins));
        }
    }

    /// <summary>All-ones lanes where the value is finite: |x| ≤ float.MaxValue fails for NaN and ±∞.</summary>
    private static Vector128<int> IsFinite(Vector128<float> x) =>
        Vector128.LessThanOrEqual(Vector128.Abs(x), Vector128.Create(float.MaxValue)).AsInt32();

    private static Vector256<int> IsFinite(Vector256<float> x) =>
        Vector256.LessThanOrEqual(Vector256.Abs(x), Vector256.Create(float.MaxValue)).AsInt32();

    private static Vector512<int> IsFinite(Vector512<float> x) =>
        Vector512.LessThanOrEqual(Vector512.Abs(x), Vector512.Create(float.MaxValue)).AsInt32();
}
