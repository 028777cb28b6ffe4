using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Simd.Entropy;

// Counting without a store per value: each value becomes a 64-bit word with the bit of its cell set, and carry-save
// adders sum sixteen vectors of such words at a time into bit-sliced counters, one counter per (lane, bit) — the
// Harley–Seal population count, kept per bit position. A scalar increment waits on its own load and store (about
// 1.4 cycles a value on the machines measured); this costs a few vector operations per 16 values.
public static partial class Histogram
{
    /// <summary>The most cells <see cref="CountBitSliced"/> counts: one bit of a 64-bit word each.</summary>
    private const int BitSlicedCells = 64;

    /// <summary>Values per block of sixteen word vectors: 8 vectors of 16 floats (512 bits) or of 8 (256 bits).</summary>
    private const int Block512 = 8 * 16, Block256 = 8 * 8;

    /// <summary>Whether <see cref="CountBitSliced"/> can count <paramref name="cells"/> cells on <paramref name="width"/>: it needs per-lane 64-bit shifts.</summary>
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
        // counter, so the slices above hold the count of blocks: as many as its bits.
        int sliceCount = 4 + (32 - BitOperations.LeadingZeroCount((uint)(count / (wide ? Block512 : Block256))));
        int done = wide
            ? CountBitSliced512(values, count, map, counts, sliceCount)
            : CountBitSliced256(values, count, map, counts, sliceCount);
        for (int i = done; i < count; i++)
        {
            int cell = map.Cell(values[i]);
            if (cell >= 0)
                counts[cell]++;
        }
    }

    /// <summary>The 512-bit path of <see cref="CountBitSliced"/>: blocks of 128 values; returns how many it counted.</summary>
    private static int CountBitSliced512<TMap>(ReadOnlySpan<float> values, int count, TMap map, Span<int> counts, int sliceCount)
        where TMap : struct, ICellMap
    {
        const int Block = Block512;
        Span<Vector512<ulong>> slices = stackalloc Vector512<ulong>[sliceCount]; // zeroed: the assembly initialises locals
        ref float x0 = ref MemoryMarshal.GetReference(values);
        Vector512<ulong> ones = default, twos = default, fours = default, eights = default;
        int i = 0;
        for (; i <= count - Block; i += Block)
        {
            Vector512<ulong> twosA, twosB, foursA, foursB, eightsA, eightsB, sixteens;
            AddWords(out twosA, ref ones, Words512(map, ref x0, i));
            AddWords(out twosB, ref ones, Words512(map, ref x0, i + 16));
            Add(out foursA, ref twos, twosA, twosB);
            AddWords(out twosA, ref ones, Words512(map, ref x0, i + 32));
            AddWords(out twosB, ref ones, Words512(map, ref x0, i + 48));
            Add(out foursB, ref twos, twosA, twosB);
            Add(out eightsA, ref fours, foursA, foursB);
            AddWords(out twosA, ref ones, Words512(map, ref x0, i + 64));
            AddWords(out twosB, ref ones, Words512(map, ref x0, i + 80));
            Add(out foursA, ref twos, twosA, twosB);
            AddWords(out twosA, ref ones, Words512(map, ref x0, i + 96));
            AddWords(out twosB, ref ones, Words512(map, ref x0, i + 112));
            Add(out foursB, ref twos, twosA, twosB);
            Add(out eightsB, ref fours, foursA, foursB);
            Add(out sixteens, ref eights, eightsA, eightsB);
            for (int k = 4; k < sliceCount; k++) // a half adder per slice: the carry ripples up
            {
                Vector512<ulong> carry = slices[k] & sixteens;
                slices[k] ^= sixteens;
                sixteens = carry;
            }
        }

        (slices[0], slices[1], slices[2], slices[3]) = (ones, twos, fours, eights);
        // Fold the upper four lanes' counters onto the lower four's with a ripple-carry adder, then count as 256 bits.
        Span<Vector256<ulong>> folded = stackalloc Vector256<ulong>[sliceCount + 1];
        Vector256<ulong> foldCarry = default;
        for (int k = 0; k < sliceCount; k++)
        {
            Vector256<ulong> a = slices[k].GetLower(), b = slices[k].GetUpper();
            folded[k] = a ^ b ^ foldCarry;
            foldCarry = (a & b) | (foldCarry & (a ^ b));
        }

        folded[sliceCount] = foldCarry;
        AddSlices(folded, counts);
        return i;
    }

    /// <summary>The 256-bit path of <see cref="CountBitSliced"/>: blocks of 64 values; returns how many it counted.</summary>
    private static int CountBitSliced256<TMap>(ReadOnlySpan<float> values, int count, TMap map, Span<int> counts, int sliceCount)
        where TMap : struct, ICellMap
    {
        const int Block = Block256;
        Span<Vector256<ulong>> slices = stackalloc Vector256<ulong>[sliceCount];
        ref float x0 = ref MemoryMarshal.GetReference(values);
        Vector256<ulong> ones = default, twos = default, fours = default, eights = default;
        int i = 0;
        for (; i <= count - Block; i += Block)
        {
            Vector256<ulong> twosA, twosB, foursA, foursB, eightsA, eightsB, sixteens;
            AddWords(out twosA, ref ones, Words256(map, ref x0, i));
            AddWords(out twosB, ref ones, Words256(map, ref x0, i + 8));
            Add(out foursA, ref twos, twosA, twosB);
            AddWords(out twosA, ref ones, Words256(map, ref x0, i + 16));
            AddWords(out twosB, ref ones, Words256(map, ref x0, i + 24));
            Add(out foursB, ref twos, twosA, twosB);
            Add(out eightsA, ref fours, foursA, foursB);
            AddWords(out twosA, ref ones, Words256(map, ref x0, i + 32));
            AddWords(out twosB, ref ones, Words256(map, ref x0, i + 40));
            Add(out foursA, ref twos, twosA, twosB);
            AddWords(out twosA, ref ones, Words256(map, ref x0, i + 48));
            AddWords(out twosB, ref ones, Words256(map, ref x0, i + 56));
            Add(out foursB, ref twos, twosA, twosB);
            Add(out eightsB, ref fours, foursA, foursB);
            Add(out sixteens, ref eights, eightsA, eightsB);
            for (int k = 4; k < sliceCount; k++)
            {
                Vector256<ulong> carry = slices[k] & sixteens;
                slices[k] ^= sixteens;
                sixteens = carry;
            }
        }

        (slices[0], slices[1], slices[2], slices[3]) = (ones, twos, fours, eights);
        AddSlices(slices, counts);
        return i;
    }

    /// <summary>
    /// Adds bit-sliced counters to <paramref name="counts"/>: bit c of lane j of slice k counts 2^k towards cell c. The
    /// lanes are folded pairwise by ripple-carry adders first, so only one 64-bit word per slice is left to read.
    /// </summary>
    private static void AddSlices(ReadOnlySpan<Vector256<ulong>> slices, Span<int> counts)
    {
        Span<ulong> words = stackalloc ulong[slices.Length + 2];
        Vector128<ulong> halfCarry = default;
        ulong carry = 0;
        for (int k = 0; k < slices.Length + 1; k++)
        {
            // Lanes 2–3 onto 0–1, then lane 1 onto 0, each a ripple-carry adder one slice longer than its input.
            Vector128<ulong> a = k < slices.Length ? slices[k].GetLower() : default, b = k < slices.Length ? slices[k].GetUpper() : default;
            Vector128<ulong> half = a ^ b ^ halfCarry;
            halfCarry = (a & b) | (halfCarry & (a ^ b));
            ulong low = half.GetElement(0), high = half.GetElement(1);
            words[k] = low ^ high ^ carry;
            carry = (low & high) | (carry & (low ^ high));
        }

        words[^1] = carry;
        // 1 << k wraps past k = 31, but a word that high is 0: no cell holds more than count ≤ int.MaxValue values.
        for (int k = 0; k < words.Length; k++)
        {
            for (ulong word = words[k]; word != 0; word &= word - 1)
                counts[BitOperations.TrailingZeroCount(word)] += 1 << k;
        }
    }

    /// <summary>The one-hot words of the cells of 16 values: value j's in lane j % 8 of the first vector (j &lt; 8) or the second.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<ulong>, Vector512<ulong>) Words512<TMap>(TMap map, ref float x0, int i) where TMap : struct, ICellMap
    {
        // A negative cell zero-extends to a shift of 2^32 − 1, which shifts the bit out: its word is 0.
        Vector512<uint> cells = map.Cells(Vector512.LoadUnsafe(ref x0, (nuint)i)).AsUInt32();
        return (Avx512F.ShiftLeftLogicalVariable(Vector512<ulong>.One, Avx512F.ConvertToVector512UInt64(cells.GetLower())),
            Avx512F.ShiftLeftLogicalVariable(Vector512<ulong>.One, Avx512F.ConvertToVector512UInt64(cells.GetUpper())));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<ulong>, Vector256<ulong>) Words256<TMap>(TMap map, ref float x0, int i) where TMap : struct, ICellMap
    {
        // As Words512: a negative cell zero-extends to a shift past 63, and its word is 0.
        Vector256<uint> cells = map.Cells(Vector256.LoadUnsafe(ref x0, (nuint)i)).AsUInt32();
        return (Avx2.ShiftLeftLogicalVariable(Vector256<ulong>.One, Avx2.ConvertToVector256Int64(cells.GetLower()).AsUInt64()),
            Avx2.ShiftLeftLogicalVariable(Vector256<ulong>.One, Avx2.ConvertToVector256Int64(cells.GetUpper()).AsUInt64()));
    }

    /// <summary>A carry-save adder: <paramref name="low"/> + b + c = 2·<paramref name="high"/> + new <paramref name="low"/>, bit by bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(out Vector512<ulong> high, ref Vector512<ulong> low, Vector512<ulong> b, Vector512<ulong> c)
    {
        // One vpternlogq each: the majority (0xE8) and the parity (0x96) of the three inputs.
        high = Avx512F.TernaryLogic(low, b, c, 0xE8);
        low = Avx512F.TernaryLogic(low, b, c, 0x96);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(out Vector256<ulong> high, ref Vector256<ulong> low, Vector256<ulong> b, Vector256<ulong> c)
    {
        Vector256<ulong> a = low, sum = a ^ b;
        high = (a & b) | (sum & c);
        low = sum ^ c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddWords(out Vector512<ulong> high, ref Vector512<ulong> low, (Vector512<ulong> B, Vector512<ulong> C) words) =>
        Add(out high, ref low, words.B, words.C);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddWords(out Vector256<ulong> high, ref Vector256<ulong> low, (Vector256<ulong> B, Vector256<ulong> C) words) =>
        Add(out high, ref low, words.B, words.C);
}
