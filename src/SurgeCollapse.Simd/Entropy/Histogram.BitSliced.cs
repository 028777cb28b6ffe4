using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Simd.Entropy;

// Counting without a store per value: each value becomes a 32-bit word with the bit of its cell set — cells 0–31 in a
// low word, 32–63 in a high one — and carry-save adders sum sixteen vectors of such words at a time into bit-sliced
// counters, one counter per (lane, bit): the Harley–Seal population count, kept per bit position, one tree of adders
// per word. A scalar increment waits on its own load and store (about 1.4 cycles a value on the machines measured);
// this costs a few vector operations per vector of values, and 32-bit lanes take the cells without widening shuffles.
public static partial class Histogram
{
    /// <summary>The most cells <see cref="CountBitSliced"/> counts: one bit of a low or a high 32-bit word each.</summary>
    private const int BitSlicedCells = 64;

    /// <summary>Cells of the low word; the high word holds the rest.</summary>
    private const int WordCells = 32;

    /// <summary>Values per block of sixteen word vectors a tree: 16 vectors of 16 floats (512 bits) or of 8 (256 bits).</summary>
    private const int Block512 = 16 * 16, Block256 = 16 * 8;

    /// <summary>Whether <see cref="CountBitSliced"/> can count <paramref name="cells"/> cells on <paramref name="width"/>: it needs per-lane variable shifts.</summary>
    private static bool CanCountBitSliced(int cells, SimdWidth width) =>
        cells <= BitSlicedCells && ((width >= SimdWidth.Vector512 && Avx512F.IsSupported) || (width >= SimdWidth.Vector256 && Avx2.IsSupported));

    /// <summary>
    /// Adds to <paramref name="counts"/> the cell of each of the first <paramref name="count"/> values under
    /// <paramref name="map"/> (a negative cell counts nothing), as <see cref="Scatter"/> does; <see cref="CanCountBitSliced"/>
    /// must hold. Values past <paramref name="count"/> are never read.
    /// </summary>
    private static void CountBitSliced<TMap>(ReadOnlySpan<float> values, int count, TMap map, Span<int> counts, SimdWidth width)
        where TMap : struct, ICellMap
    {
        bool wide = width >= SimdWidth.Vector512 && Avx512F.IsSupported;
        // Slices 0–3 are the adders' ones, twos, fours and eights. A block carries at most one sixteen into each
        // counter, so the slices above hold the count of blocks: as many as its bits. That also holds the vectors
        // after the last block, added one at a time: a lane holds at most count / lanes < 16 · (blocks + 1) values.
        int sliceCount = 4 + (32 - BitOperations.LeadingZeroCount((uint)(count / (wide ? Block512 : Block256))));
        int done = (wide, counts.Length > WordCells) switch
        {
            (true, true) => CountBitSliced512<TMap, BothWords>(values, count, map, counts, sliceCount),
            (true, false) => CountBitSliced512<TMap, LowWord>(values, count, map, counts, sliceCount),
            _ => CountBitSliced256(values, count, map, counts, sliceCount),
        };
        for (int i = done; i < count; i++)
        {
            int cell = map.Cell(values[i]);
            if (cell >= 0)
                counts[cell]++;
        }
    }

    /// <summary>
    /// The 512-bit path of <see cref="CountBitSliced"/>: blocks of 256 values, then whole vectors; returns how many it
    /// counted. Both trees' adders fit in the 32 vector registers, so each vector of cells feeds them straight away.
    /// </summary>
    private static int CountBitSliced512<TMap, TWords>(ReadOnlySpan<float> values, int count, TMap map, Span<int> counts, int sliceCount)
        where TMap : struct, ICellMap
        where TWords : struct, IWords
    {
        const int Block = Block512, Lanes = 16;
        Span<Words512> slices = stackalloc Words512[sliceCount]; // zeroed: the assembly initialises locals
        ref float x0 = ref MemoryMarshal.GetReference(values);
        Words512 ones = default, twos = default, fours = default, eights = default;
        int i = 0;
        for (; i <= count - Block; i += Block)
        {
            Words512 eightsA = AddEight<TMap, TWords>(ref ones, ref twos, ref fours, map, ref x0, i);
            Words512 eightsB = AddEight<TMap, TWords>(ref ones, ref twos, ref fours, map, ref x0, i + Block / 2);
            Add<TWords>(out Words512 sixteens, ref eights, eightsA, eightsB);
            AddCarry<TWords>(slices[4..], sixteens);
        }

        (slices[0], slices[1], slices[2], slices[3]) = (ones, twos, fours, eights);
        for (; i <= count - Lanes; i += Lanes)
            AddCarry<TWords>(slices, OneHot<TMap, TWords>(map, ref x0, i));

        Span<Vector512<uint>> words = stackalloc Vector512<uint>[sliceCount];
        for (int k = 0; k < sliceCount; k++)
            words[k] = slices[k].Low;
        AddSlices(words, counts);
        if (TWords.High)
        {
            for (int k = 0; k < sliceCount; k++)
                words[k] = slices[k].High;
            AddSlices(words, counts[WordCells..]);
        }

        return i;
    }

    /// <summary>
    /// The 256-bit path of <see cref="CountBitSliced"/>: blocks of 128 values, then whole vectors; returns how many it
    /// counted. Two trees' adders would not fit in the 16 vector registers: a block's cells are mapped once, into
    /// memory, and each tree sums them in turn.
    /// </summary>
    private static int CountBitSliced256<TMap>(ReadOnlySpan<float> values, int count, TMap map, Span<int> counts, int sliceCount)
        where TMap : struct, ICellMap
    {
        const int Block = Block256, Lanes = 8;
        bool high = counts.Length > WordCells;
        Span<Vector256<uint>> cells = stackalloc Vector256<uint>[16];
        Span<Vector256<uint>> lowSlices = stackalloc Vector256<uint>[sliceCount], highSlices = stackalloc Vector256<uint>[high ? sliceCount : 0];
        ref float x0 = ref MemoryMarshal.GetReference(values);
        int i = 0;
        for (; i <= count - Block; i += Block)
        {
            for (int j = 0; j < cells.Length; j++)
                cells[j] = map.Cells(Vector256.LoadUnsafe(ref x0, (nuint)(i + j * Lanes))).AsUInt32();
            AddBlock(lowSlices, cells, Vector256<uint>.Zero);
            if (high)
                AddBlock(highSlices, cells, Vector256.Create((uint)WordCells));
        }

        for (; i <= count - Lanes; i += Lanes)
        {
            Vector256<uint> cell = map.Cells(Vector256.LoadUnsafe(ref x0, (nuint)i)).AsUInt32();
            AddCarry(lowSlices, OneHot(cell, Vector256<uint>.Zero));
            if (high)
                AddCarry(highSlices, OneHot(cell, Vector256.Create((uint)WordCells)));
        }

        AddSlices(lowSlices, counts);
        if (high)
            AddSlices(highSlices, counts[WordCells..]);
        return i;
    }

    /// <summary>
    /// Sums the one-hot words of sixteen vectors of cells, less <paramref name="offset"/>, into bit-sliced counters:
    /// slices 0–3 hold the adders' ones to eights between blocks, the block's sixteens carry into the slices above.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddBlock(Span<Vector256<uint>> slices, ReadOnlySpan<Vector256<uint>> cells, Vector256<uint> offset)
    {
        Vector256<uint> ones = slices[0], twos = slices[1], fours = slices[2], eights = slices[3];
        Vector256<uint> eightsA = AddEight(ref ones, ref twos, ref fours, cells[..8], offset), eightsB = AddEight(ref ones, ref twos, ref fours, cells[8..], offset);
        Add(out Vector256<uint> sixteens, ref eights, eightsA, eightsB);
        (slices[0], slices[1], slices[2], slices[3]) = (ones, twos, fours, eights);
        AddCarry(slices[4..], sixteens);
    }

    /// <summary>Sums the one-hot words of eight vectors of cells into the adders' ones, twos and fours; returns the eights.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> AddEight(ref Vector256<uint> ones, ref Vector256<uint> twos, ref Vector256<uint> fours,
        ReadOnlySpan<Vector256<uint>> cells, Vector256<uint> offset)
    {
        Add(out Vector256<uint> twosA, ref ones, OneHot(cells[0], offset), OneHot(cells[1], offset));
        Add(out Vector256<uint> twosB, ref ones, OneHot(cells[2], offset), OneHot(cells[3], offset));
        Add(out Vector256<uint> foursA, ref twos, twosA, twosB);
        Add(out twosA, ref ones, OneHot(cells[4], offset), OneHot(cells[5], offset));
        Add(out twosB, ref ones, OneHot(cells[6], offset), OneHot(cells[7], offset));
        Add(out Vector256<uint> foursB, ref twos, twosA, twosB);
        Add(out Vector256<uint> eights, ref fours, foursA, foursB);
        return eights;
    }

    /// <summary>As the 256-bit <c>AddEight</c>, for the 128 values from <paramref name="i"/> on, in both words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Words512 AddEight<TMap, TWords>(ref Words512 ones, ref Words512 twos, ref Words512 fours, TMap map, ref float x0, int i)
        where TMap : struct, ICellMap
        where TWords : struct, IWords
    {
        const int Lanes = 16;
        Add<TWords>(out Words512 twosA, ref ones, OneHot<TMap, TWords>(map, ref x0, i), OneHot<TMap, TWords>(map, ref x0, i + Lanes));
        Add<TWords>(out Words512 twosB, ref ones, OneHot<TMap, TWords>(map, ref x0, i + 2 * Lanes), OneHot<TMap, TWords>(map, ref x0, i + 3 * Lanes));
        Add<TWords>(out Words512 foursA, ref twos, twosA, twosB);
        Add<TWords>(out twosA, ref ones, OneHot<TMap, TWords>(map, ref x0, i + 4 * Lanes), OneHot<TMap, TWords>(map, ref x0, i + 5 * Lanes));
        Add<TWords>(out twosB, ref ones, OneHot<TMap, TWords>(map, ref x0, i + 6 * Lanes), OneHot<TMap, TWords>(map, ref x0, i + 7 * Lanes));
        Add<TWords>(out Words512 foursB, ref twos, twosA, twosB);
        Add<TWords>(out Words512 eights, ref fours, foursA, foursB);
        return eights;
    }

    /// <summary>Adds <paramref name="carry"/> to the counters of <paramref name="slices"/>: a half adder per slice, the carry rippling up.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddCarry(Span<Vector256<uint>> slices, Vector256<uint> carry)
    {
        for (int k = 0; k < slices.Length; k++)
        {
            Vector256<uint> next = slices[k] & carry;
            slices[k] ^= carry;
            carry = next;
        }
    }

    /// <inheritdoc cref="AddCarry(Span{Vector256{uint}}, Vector256{uint})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddCarry<TWords>(Span<Words512> slices, Words512 carry) where TWords : struct, IWords
    {
        for (int k = 0; k < slices.Length; k++)
        {
            // A full adder with a zero input is a half adder.
            Add<TWords>(out Words512 next, ref slices[k], carry, default);
            carry = next;
        }
    }

    /// <summary>Folds the upper eight lanes' counters onto the lower eight's with a ripple-carry adder, then adds them as 256 bits.</summary>
    private static void AddSlices(ReadOnlySpan<Vector512<uint>> slices, Span<int> counts)
    {
        Span<Vector256<uint>> folded = stackalloc Vector256<uint>[slices.Length + 1];
        Vector256<uint> carry = default;
        for (int k = 0; k < slices.Length; k++)
        {
            Vector256<uint> a = slices[k].GetLower(), b = slices[k].GetUpper();
            folded[k] = a ^ b ^ carry;
            carry = (a & b) | (carry & (a ^ b));
        }

        folded[^1] = carry;
        AddSlices(folded, counts);
    }

    /// <summary>
    /// Adds bit-sliced counters to <paramref name="counts"/>: bit c of lane j of slice k counts 2^k towards cell c. The
    /// lanes are folded pairwise by ripple-carry adders first (8 lanes onto 4, 2, then 1), each one slice longer than
    /// its input, so only one 32-bit word per slice is left to read.
    /// </summary>
    private static void AddSlices(ReadOnlySpan<Vector256<uint>> slices, Span<int> counts)
    {
        Span<uint> words = stackalloc uint[slices.Length + 3];
        Vector128<uint> quarterCarry = default;
        ulong pairCarry = 0;
        uint carry = 0;
        for (int k = 0; k < words.Length; k++)
        {
            Vector128<uint> a = k < slices.Length ? slices[k].GetLower() : default, b = k < slices.Length ? slices[k].GetUpper() : default;
            Vector128<uint> quarter = a ^ b ^ quarterCarry;
            quarterCarry = (a & b) | (quarterCarry & (a ^ b));
            ulong low = quarter.AsUInt64().GetElement(0), high = quarter.AsUInt64().GetElement(1);
            ulong pair = low ^ high ^ pairCarry;
            pairCarry = (low & high) | (pairCarry & (low ^ high));
            uint first = (uint)pair, second = (uint)(pair >> 32);
            words[k] = first ^ second ^ carry;
            carry = (first & second) | (carry & (first ^ second));
        }

        // 1 << k wraps past k = 31, but a word that high is 0: no cell holds more than count ≤ int.MaxValue values.
        for (int k = 0; k < words.Length; k++)
        {
            for (uint word = words[k]; word != 0; word &= word - 1)
                counts[BitOperations.TrailingZeroCount(word)] += 1 << k;
        }
    }

    /// <summary>Whether the high words (cells 32–63) are counted: a type argument, so that with 32 cells or fewer the JIT drops their tree.</summary>
    private interface IWords
    {
        static abstract bool High { get; }
    }

    private readonly struct LowWord : IWords
    {
        public static bool High => false;
    }

    private readonly struct BothWords : IWords
    {
        public static bool High => true;
    }

    /// <summary>A vector of low words and one of high words, or bit-sliced counters of them.</summary>
    private readonly struct Words512(Vector512<uint> low, Vector512<uint> high)
    {
        public readonly Vector512<uint> Low = low, High = high;
    }

    /// <summary>The one-hot words of the cells of 16 values, value j's in lane j; see <see cref="OneHot(Vector256{uint}, Vector256{uint})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Words512 OneHot<TMap, TWords>(TMap map, ref float x0, int i) where TMap : struct, ICellMap where TWords : struct, IWords
    {
        Vector512<uint> cells = map.Cells(Vector512.LoadUnsafe(ref x0, (nuint)i)).AsUInt32();
        return new(Avx512F.ShiftLeftLogicalVariable(Vector512<uint>.One, cells),
            TWords.High ? Avx512F.ShiftLeftLogicalVariable(Vector512<uint>.One, cells - Vector512.Create((uint)WordCells)) : default);
    }

    /// <summary>The one-hot words of cells less <paramref name="offset"/>: lane j has bit (cell − offset) set.</summary>
    /// <remarks>
    /// vpsllvd shifts of 32 or more give 0, so a word sets only its own cells (the low word's, 0–31, with offset 0; the
    /// high word's, 32–63, with offset 32), and a negative cell — as unsigned at least 2^32 − 33 — sets no bit.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> OneHot(Vector256<uint> cells, Vector256<uint> offset) =>
        Avx2.ShiftLeftLogicalVariable(Vector256<uint>.One, cells - offset);

    /// <summary>A carry-save adder: <paramref name="low"/> + b + c = 2·<paramref name="high"/> + new <paramref name="low"/>, bit by bit, in both words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add<TWords>(out Words512 high, ref Words512 low, Words512 b, Words512 c) where TWords : struct, IWords
    {
        // One vpternlogd each: the majority (0xE8) and the parity (0x96) of the three inputs.
        Words512 a = low;
        high = new(Avx512F.TernaryLogic(a.Low, b.Low, c.Low, 0xE8), TWords.High ? Avx512F.TernaryLogic(a.High, b.High, c.High, 0xE8) : default);
        low = new(Avx512F.TernaryLogic(a.Low, b.Low, c.Low, 0x96), TWords.High ? Avx512F.TernaryLogic(a.High, b.High, c.High, 0x96) : default);
    }

    /// <summary>A carry-save adder: <paramref name="low"/> + b + c = 2·<paramref name="high"/> + new <paramref name="low"/>, bit by bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(out Vector256<uint> high, ref Vector256<uint> low, Vector256<uint> b, Vector256<uint> c)
    {
        Vector256<uint> a = low, sum = a ^ b;
        high = (a & b) | (sum & c);
        low = sum ^ c;
    }
}
