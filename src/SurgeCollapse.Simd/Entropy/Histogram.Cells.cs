using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Simd.Entropy;

public static partial class Histogram
{
    /// <summary>Maps values to the cells of a count table, one vector width at a time; −1 counts nothing.</summary>
    private interface ICellMap
    {
        int Cell(float value, int position);
        Vector128<int> Cells(Vector128<float> values);
        Vector256<int> Cells(Vector256<float> values);
        Vector512<int> Cells(Vector512<float> values);
    }

    /// <summary>
    /// <c>cells[i] = map(values[i])</c>: each width takes the whole vectors it can and leaves the rest to the next narrower
    /// one, then scalar code finishes.
    /// </summary>
    private static void MapCells<TMap>(ReadOnlySpan<float> values, Span<int> cells, TMap map, SimdWidth width)
        where TMap : struct, ICellMap
    {
        ref float x0 = ref MemoryMarshal.GetReference(values);
        ref int c0 = ref MemoryMarshal.GetReference(cells);
        int length = values.Length, i = 0;
        if (width >= SimdWidth.Vector512)
        {
            for (; i <= length - Vector512<float>.Count; i += Vector512<float>.Count)
                map.Cells(Vector512.LoadUnsafe(ref x0, (nuint)i)).StoreUnsafe(ref c0, (nuint)i);
        }

        if (width >= SimdWidth.Vector256)
        {
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
                map.Cells(Vector256.LoadUnsafe(ref x0, (nuint)i)).StoreUnsafe(ref c0, (nuint)i);
        }

        if (width >= SimdWidth.Vector128)
        {
            for (; i <= length - Vector128<float>.Count; i += Vector128<float>.Count)
                map.Cells(Vector128.LoadUnsafe(ref x0, (nuint)i)).StoreUnsafe(ref c0, (nuint)i);
        }

        for (; i < length; i++)
            cells[i] = map.Cell(values[i], i);
    }

    /// <summary>
    /// <see cref="Bin"/> in vectors, for a range of positive width: the quotient clamped to [0, B − 1] and truncated is
    /// <see cref="Bin"/>'s value, since every float operation rounds monotonically (a value at or above high gives a
    /// quotient above B − 1, one at or below low gives at most 0). NaN and ±∞ map to −1.
    /// </summary>
    private readonly struct BinMap(float low, float high, int bins) : ICellMap
    {
        private readonly float _low = low, _high = high, _width = high - low, _bins = bins, _lastBin = bins - 1;

        public int Cell(float value, int position) => float.IsFinite(value) ? Bin(value, _low, _high, (int)_bins) : -1;

        public Vector128<int> Cells(Vector128<float> x)
        {
            Vector128<float> quotient = (x - Vector128.Create(_low)) * Vector128.Create(_bins) / Vector128.Create(_width);
            Vector128<int> bin = Vector128.ConvertToInt32Native(Vector128.ClampNative(quotient, Vector128<float>.Zero, Vector128.Create(_lastBin)));
            return bin | ~IsFinite(x); // −1 where not finite
        }

        public Vector256<int> Cells(Vector256<float> x)
        {
            Vector256<float> quotient = (x - Vector256.Create(_low)) * Vector256.Create(_bins) / Vector256.Create(_width);
            Vector256<int> bin = Vector256.ConvertToInt32Native(Vector256.ClampNative(quotient, Vector256<float>.Zero, Vector256.Create(_lastBin)));
            return bin | ~IsFinite(x);
        }

        public Vector512<int> Cells(Vector512<float> x)
        {
            Vector512<float> quotient = (x - Vector512.Create(_low)) * Vector512.Create(_bins) / Vector512.Create(_width);
            Vector512<int> bin = Vector512.ConvertToInt32Native(Vector512.ClampNative(quotient, Vector512<float>.Zero, Vector512.Create(_lastBin)));
            return bin | ~IsFinite(x);
        }
    }

    /// <summary>
    /// The cell of <see cref="CountWithPositivePart"/>'s table: row = bin among all values, column = bin among the positive
    /// values or B when the value is not positive. Exact zeros go to one of <see cref="SpareCells"/> cells past the table,
    /// chosen by lane, and NaN and ±∞ to −1.
    /// </summary>
    private readonly struct PairMap(float low, float high, float positiveLow, float positiveHigh, int bins) : ICellMap
    {
        /// <summary>One spare cell per lane of the widest vector, so no two zeros of one vector hit the same cell.</summary>
        public const int SpareCells = 16;

        private readonly BinMap _all = new(low, high, bins), _positive = new(positiveLow, positiveHigh, bins);
        private readonly int _bins = bins, _rowLength = bins + 1, _spares = bins * (bins + 1);

        public int Cell(float value, int position)
        {
            if (!float.IsFinite(value))
                return -1;
            if (value == 0f)
                return _spares + position % SpareCells;
            int column = value > 0f ? _positive.Cell(value, position) : _bins;
            return _all.Cell(value, position) * _rowLength + column;
        }

        public Vector128<int> Cells(Vector128<float> x)
        {
            Vector128<int> positive = Vector128.GreaterThan(x, Vector128<float>.Zero).AsInt32();
            Vector128<int> column = Vector128.ConditionalSelect(positive, _positive.Cells(x), Vector128.Create(_bins));
            Vector128<int> cell = _all.Cells(x) * _rowLength + column;
            Vector128<int> zero = Vector128.Equals(x, Vector128<float>.Zero).AsInt32();
            return Vector128.ConditionalSelect(zero, Vector128.Create(_spares) + Vector128<int>.Indices, cell) | ~IsFinite(x);
        }

        public Vector256<int> Cells(Vector256<float> x)
        {
            Vector256<int> positive = Vector256.GreaterThan(x, Vector256<float>.Zero).AsInt32();
            Vector256<int> column = Vector256.ConditionalSelect(positive, _positive.Cells(x), Vector256.Create(_bins));
            Vector256<int> cell = _all.Cells(x) * _rowLength + column;
            Vector256<int> zero = Vector256.Equals(x, Vector256<float>.Zero).AsInt32();
            return Vector256.ConditionalSelect(zero, Vector256.Create(_spares) + Vector256<int>.Indices, cell) | ~IsFinite(x);
        }

        public Vector512<int> Cells(Vector512<float> x)
        {
            Vector512<int> positive = Vector512.GreaterThan(x, Vector512<float>.Zero).AsInt32();
            Vector512<int> column = Vector512.ConditionalSelect(positive, _positive.Cells(x), Vector512.Create(_bins));
            Vector512<int> cell = _all.Cells(x) * _rowLength + column;
            Vector512<int> zero = Vector512.Equals(x, Vector512<float>.Zero).AsInt32();
            return Vector512.ConditionalSelect(zero, Vector512.Create(_spares) + Vector512<int>.Indices, cell) | ~IsFinite(x);
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
