using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Simd.Entropy;

public static partial class Histogram
{
    /// <summary>
    /// Shuffle indices that pack the kept lanes of an 8-lane vector to its front, one row of 8 per lane mask (8 KiB);
    /// the lanes past the kept ones take lane 0. The rows of masks below 16 serve 4-lane vectors too.
    /// </summary>
    private static readonly int[] PackIndices = CreatePackIndices();

    /// <summary>
    /// Copies the finite non-zero values of <paramref name="values"/> to the front of <paramref name="packed"/>, in order,
    /// and returns how many; <paramref name="zeros"/> gets the number of exact zeros (+0 or −0). A ReLU layer is half zeros
    /// (more when units die): packed, they cost neither a division nor an increment. <paramref name="packed"/> holds
    /// at least <paramref name="values"/>' length; past the packed values it is left holding anything.
    /// </summary>
    internal static int PackNonZero(ReadOnlySpan<float> values, Span<float> packed, SimdWidth width, out int zeros)
    {
        ref float x0 = ref MemoryMarshal.GetReference(values);
        ref int p0 = ref Unsafe.As<float, int>(ref MemoryMarshal.GetReference(packed));
        int length = values.Length, i = 0, kept = 0;
        zeros = 0;
        if (width >= SimdWidth.Vector512)
        {
            Vector512<int> zeroCount = default;
            for (; i <= length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                Vector512<float> x = Vector512.LoadUnsafe(ref x0, (nuint)i);
                Vector512<int> zero = Vector512.Equals(x, Vector512<float>.Zero).AsInt32(), keepLanes = IsFinite(x) & ~zero;
                uint keep = (uint)keepLanes.ExtractMostSignificantBits();
                zeroCount -= zero; // a true lane is −1
                if (Avx512F.IsSupported)
                {
                    // vcompressps in a register, then a plain store: its memory form is microcoded on Zen 4.
                    Avx512F.Compress(Vector512<int>.Zero, keepLanes, x.AsInt32()).StoreUnsafe(ref p0, (nuint)kept);
                    kept += BitOperations.PopCount(keep);
                }
                else
                {
                    kept = Append(x.AsInt32().GetLower(), keep, ref p0, kept);
                    kept = Append(x.AsInt32().GetUpper(), keep >> 8, ref p0, kept);
                }
            }

            zeros += Vector512.Sum(zeroCount);
        }

        if (width >= SimdWidth.Vector256)
        {
            Vector256<int> zeroCount = default;
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<float> x = Vector256.LoadUnsafe(ref x0, (nuint)i);
                Vector256<int> zero = Vector256.Equals(x, Vector256<float>.Zero).AsInt32();
                zeroCount -= zero;
                kept = Append(x.AsInt32(), (IsFinite(x) & ~zero).ExtractMostSignificantBits(), ref p0, kept);
            }

            zeros += Vector256.Sum(zeroCount);
        }

        if (width >= SimdWidth.Vector128)
        {
            Vector128<int> zeroCount = default;
            for (; i <= length - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                Vector128<float> x = Vector128.LoadUnsafe(ref x0, (nuint)i);
                Vector128<int> zero = Vector128.Equals(x, Vector128<float>.Zero).AsInt32();
                zeroCount -= zero;
                kept = Append(x.AsInt32(), (IsFinite(x) & ~zero).ExtractMostSignificantBits(), ref p0, kept);
            }

            zeros += Vector128.Sum(zeroCount);
        }

        for (; i < length; i++)
        {
            float x = values[i];
            packed[kept] = x;
            kept += float.IsFinite(x) && x != 0f ? 1 : 0; // no branch: where the zeros fall is data, not pattern
            zeros += x == 0f ? 1 : 0;
        }

        return kept;
    }

    /// <summary>
    /// Stores the lanes of <paramref name="lanes"/> whose bit is set in <paramref name="keep"/> (bits past the eighth are
    /// ignored) at <paramref name="destination"/>[<paramref name="count"/>…], in order, and returns the new count. The
    /// whole vector is stored: the lanes past the kept ones are overwritten by the next append.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Append(Vector256<int> lanes, uint keep, ref int destination, int count)
    {
        keep &= 0xFFu;
        Vector256<int> indices = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(PackIndices), keep * 8);
        Vector256.ShuffleNative(lanes, indices).StoreUnsafe(ref destination, (nuint)count);
        return count + BitOperations.PopCount(keep);
    }

    /// <inheritdoc cref="Append(Vector256{int}, uint, ref int, int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Append(Vector128<int> lanes, uint keep, ref int destination, int count)
    {
        keep &= 0xFu;
        Vector128<int> indices = Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(PackIndices), keep * 8);
        Vector128.ShuffleNative(lanes, indices).StoreUnsafe(ref destination, (nuint)count);
        return count + BitOperations.PopCount(keep);
    }

    private static int[] CreatePackIndices()
    {
        var indices = new int[256 * 8];
        for (int mask = 0; mask < 256; mask++)
        {
            int packed = 0;
            for (int lane = 0; lane < 8; lane++)
            {
                if ((mask & (1 << lane)) != 0)
                    indices[mask * 8 + packed++] = lane;
            }
        }

        return indices;
    }
}
