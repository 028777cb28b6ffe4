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
    /// and returns how many; <paramref name="summary"/> gets <see cref="Summarize(ReadOnlySpan{float})"/>'s summary of
    /// <paramref name="values"/>, found in the same pass. A ReLU layer is half zeros (more when units die): packed, they
    /// cost neither a division nor an increment. <paramref name="packed"/> holds at least <paramref name="values"/>'
    /// length; past the packed values it is left holding anything.
    /// </summary>
    internal static int PackNonZero(ReadOnlySpan<float> values, Span<float> packed, SimdWidth width, out ValueSummary summary)
    {
        ref float x0 = ref MemoryMarshal.GetReference(values);
        ref int p0 = ref Unsafe.As<float, int>(ref MemoryMarshal.GetReference(packed));
        int length = values.Length, i = 0, kept = 0;
        summary = Nothing;
        // As in Summarize512: each lane keeps its own min, max and counts, non-finite lanes replaced by the identity.
        if (width >= SimdWidth.Vector512)
        {
            Vector512<float> infinity = Vector512.Create(float.PositiveInfinity), min = infinity, max = -infinity, minPositive = infinity;
            Vector512<int> zeroCount = default, positiveCount = default;
            for (; i <= length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                Vector512<float> x = Vector512.LoadUnsafe(ref x0, (nuint)i);
                Vector512<int> finite = IsFinite(x), zero = Vector512.Equals(x, Vector512<float>.Zero).AsInt32(), keepLanes = finite & ~zero;
                Vector512<int> positive = finite & Vector512.GreaterThan(x, Vector512<float>.Zero).AsInt32();
                uint keep = (uint)keepLanes.ExtractMostSignificantBits();
                min = Vector512.MinNative(min, Vector512.ConditionalSelect(finite.AsSingle(), x, infinity));
                max = Vector512.MaxNative(max, Vector512.ConditionalSelect(finite.AsSingle(), x, -infinity));
                minPositive = Vector512.MinNative(minPositive, Vector512.ConditionalSelect(positive.AsSingle(), x, infinity));
                zeroCount -= zero; // a true lane is −1
                positiveCount -= positive;
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

            summary = Merge(summary, new(MinAcross(Vector256.MinNative(min.GetLower(), min.GetUpper())), MaxAcross(Vector256.MaxNative(max.GetLower(), max.GetUpper())),
                MinAcross(Vector256.MinNative(minPositive.GetLower(), minPositive.GetUpper())), 0, Vector512.Sum(zeroCount), Vector512.Sum(positiveCount)));
        }

        if (width >= SimdWidth.Vector256)
        {
            Vector256<float> infinity = Vector256.Create(float.PositiveInfinity), min = infinity, max = -infinity, minPositive = infinity;
            Vector256<int> zeroCount = default, positiveCount = default;
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<float> x = Vector256.LoadUnsafe(ref x0, (nuint)i);
                Vector256<int> finite = IsFinite(x), zero = Vector256.Equals(x, Vector256<float>.Zero).AsInt32();
                Vector256<int> positive = finite & Vector256.GreaterThan(x, Vector256<float>.Zero).AsInt32();
                min = Vector256.MinNative(min, Vector256.ConditionalSelect(finite.AsSingle(), x, infinity));
                max = Vector256.MaxNative(max, Vector256.ConditionalSelect(finite.AsSingle(), x, -infinity));
                minPositive = Vector256.MinNative(minPositive, Vector256.ConditionalSelect(positive.AsSingle(), x, infinity));
                zeroCount -= zero;
                positiveCount -= positive;
                kept = Append(x.AsInt32(), (finite & ~zero).ExtractMostSignificantBits(), ref p0, kept);
            }

            summary = Merge(summary, new(MinAcross(min), MaxAcross(max), MinAcross(minPositive), 0, Vector256.Sum(zeroCount), Vector256.Sum(positiveCount)));
        }

        if (width >= SimdWidth.Vector128)
        {
            Vector128<float> infinity = Vector128.Create(float.PositiveInfinity), min = infinity, max = -infinity, minPositive = infinity;
            Vector128<int> zeroCount = default, positiveCount = default;
            for (; i <= length - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                Vector128<float> x = Vector128.LoadUnsafe(ref x0, (nuint)i);
                Vector128<int> finite = IsFinite(x), zero = Vector128.Equals(x, Vector128<float>.Zero).AsInt32();
                Vector128<int> positive = finite & Vector128.GreaterThan(x, Vector128<float>.Zero).AsInt32();
                min = Vector128.MinNative(min, Vector128.ConditionalSelect(finite.AsSingle(), x, infinity));
                max = Vector128.MaxNative(max, Vector128.ConditionalSelect(finite.AsSingle(), x, -infinity));
                minPositive = Vector128.MinNative(minPositive, Vector128.ConditionalSelect(positive.AsSingle(), x, infinity));
                zeroCount -= zero;
                positiveCount -= positive;
                kept = Append(x.AsInt32(), (finite & ~zero).ExtractMostSignificantBits(), ref p0, kept);
            }

            summary = Merge(summary, new(MinAcross(min), MaxAcross(max), MinAcross(minPositive), 0, Vector128.Sum(zeroCount), Vector128.Sum(positiveCount)));
        }

        summary = Merge(summary, SummarizeReference(values[i..]));
        for (; i < length; i++)
        {
            float x = values[i];
            packed[kept] = x;
            kept += float.IsFinite(x) && x != 0f ? 1 : 0; // no branch: where the zeros fall is data, not pattern
        }

        // The vector paths leave the finite count out: it is the values kept and the zeros.
        summary = summary with { FiniteCount = kept + summary.ZeroCount };
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
