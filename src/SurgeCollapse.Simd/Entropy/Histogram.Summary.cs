using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Simd.Entropy;

public static partial class Histogram
{
    /// <summary>The summary of no values: the identities of min and max, and zero counts.</summary>
    private static readonly ValueSummary Nothing = new(float.PositiveInfinity, float.NegativeInfinity, float.PositiveInfinity, 0, 0, 0);

    /// <summary>
    /// The first pass: the range of the finite values and of the positive ones, and the counts of finite, zero and
    /// positive values (see <see cref="ValueSummary"/>). Min and max do not depend on order, so every path agrees
    /// (up to the sign of a zero minimum, which bins the same).
    /// </summary>
    public static ValueSummary Summarize(ReadOnlySpan<float> values) => Summarize(values, SimdCapabilities.Widest);

    /// <summary>As the public overload, on the given path (tests force each one).</summary>
    internal static ValueSummary Summarize(ReadOnlySpan<float> values, SimdWidth width)
    {
        ValueSummary summary = Nothing;
        int done = 0;
        if (width >= SimdWidth.Vector512)
            summary = Merge(summary, Summarize512(values, ref done));
        if (width >= SimdWidth.Vector256)
            summary = Merge(summary, Summarize256(values, ref done));
        if (width >= SimdWidth.Vector128)
            summary = Merge(summary, Summarize128(values, ref done));
        return Merge(summary, SummarizeReference(values[done..]));
    }

    private static ValueSummary Merge(ValueSummary a, ValueSummary b) => new(
        MathF.Min(a.Min, b.Min), MathF.Max(a.Max, b.Max), MathF.Min(a.MinPositive, b.MinPositive),
        a.FiniteCount + b.FiniteCount, a.ZeroCount + b.ZeroCount, a.PositiveCount + b.PositiveCount);

    // Each lane keeps its own min, max and counts; a true comparison lane is −1, so subtracting it counts.
    // Non-finite lanes are replaced by the identity before MinNative/MaxNative, which never see a NaN.
    private static ValueSummary Summarize512(ReadOnlySpan<float> values, ref int start)
    {
        ref float x0 = ref MemoryMarshal.GetReference(values);
        Vector512<float> infinity = Vector512.Create(float.PositiveInfinity), min = infinity, max = -infinity, minPositive = infinity;
        Vector512<int> finiteCount = default, zeroCount = default, positiveCount = default;
        int i = start;
        for (; i <= values.Length - Vector512<float>.Count; i += Vector512<float>.Count)
        {
            Vector512<float> x = Vector512.LoadUnsafe(ref x0, (nuint)i);
            Vector512<float> finite = IsFinite(x).AsSingle(), positive = finite & Vector512.GreaterThan(x, Vector512<float>.Zero);
            min = Vector512.MinNative(min, Vector512.ConditionalSelect(finite, x, infinity));
            max = Vector512.MaxNative(max, Vector512.ConditionalSelect(finite, x, -infinity));
            minPositive = Vector512.MinNative(minPositive, Vector512.ConditionalSelect(positive, x, infinity));
            finiteCount -= finite.AsInt32();
            zeroCount -= Vector512.Equals(x, Vector512<float>.Zero).AsInt32();
            positiveCount -= positive.AsInt32();
        }

        start = i;
        return new(MinAcross(Vector256.MinNative(min.GetLower(), min.GetUpper())), MaxAcross(Vector256.MaxNative(max.GetLower(), max.GetUpper())),
            MinAcross(Vector256.MinNative(minPositive.GetLower(), minPositive.GetUpper())),
            Vector512.Sum(finiteCount), Vector512.Sum(zeroCount), Vector512.Sum(positiveCount));
    }

    private static ValueSummary Summarize256(ReadOnlySpan<float> values, ref int start)
    {
        ref float x0 = ref MemoryMarshal.GetReference(values);
        Vector256<float> infinity = Vector256.Create(float.PositiveInfinity), min = infinity, max = -infinity, minPositive = infinity;
        Vector256<int> finiteCount = default, zeroCount = default, positiveCount = default;
        int i = start;
        for (; i <= values.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            Vector256<float> x = Vector256.LoadUnsafe(ref x0, (nuint)i);
            Vector256<float> finite = IsFinite(x).AsSingle(), positive = finite & Vector256.GreaterThan(x, Vector256<float>.Zero);
            min = Vector256.MinNative(min, Vector256.ConditionalSelect(finite, x, infinity));
            max = Vector256.MaxNative(max, Vector256.ConditionalSelect(finite, x, -infinity));
            minPositive = Vector256.MinNative(minPositive, Vector256.ConditionalSelect(positive, x, infinity));
            finiteCount -= finite.AsInt32();
            zeroCount -= Vector256.Equals(x, Vector256<float>.Zero).AsInt32();
            positiveCount -= positive.AsInt32();
        }

        start = i;
        return new(MinAcross(min), MaxAcross(max), MinAcross(minPositive),
            Vector256.Sum(finiteCount), Vector256.Sum(zeroCount), Vector256.Sum(positiveCount));
    }

    private static ValueSummary Summarize128(ReadOnlySpan<float> values, ref int start)
    {
        ref float x0 = ref MemoryMarshal.GetReference(values);
        Vector128<float> infinity = Vector128.Create(float.PositiveInfinity), min = infinity, max = -infinity, minPositive = infinity;
        Vector128<int> finiteCount = default, zeroCount = default, positiveCount = default;
        int i = start;
        for (; i <= values.Length - Vector128<float>.Count; i += Vector128<float>.Count)
        {
            Vector128<float> x = Vector128.LoadUnsafe(ref x0, (nuint)i);
            Vector128<float> finite = IsFinite(x).AsSingle(), positive = finite & Vector128.GreaterThan(x, Vector128<float>.Zero);
            min = Vector128.MinNative(min, Vector128.ConditionalSelect(finite, x, infinity));
            max = Vector128.MaxNative(max, Vector128.ConditionalSelect(finite, x, -infinity));
            minPositive = Vector128.MinNative(minPositive, Vector128.ConditionalSelect(positive, x, infinity));
            finiteCount -= finite.AsInt32();
            zeroCount -= Vector128.Equals(x, Vector128<float>.Zero).AsInt32();
            positiveCount -= positive.AsInt32();
        }

        start = i;
        return new(MinAcross(min), MaxAcross(max), MinAcross(minPositive),
            Vector128.Sum(finiteCount), Vector128.Sum(zeroCount), Vector128.Sum(positiveCount));
    }

    private static float MinAcross(Vector256<float> v) => MinAcross(Vector128.MinNative(v.GetLower(), v.GetUpper()));

    private static float MinAcross(Vector128<float> v) => MathF.Min(MathF.Min(v[0], v[1]), MathF.Min(v[2], v[3]));

    private static float MaxAcross(Vector256<float> v) => MaxAcross(Vector128.MaxNative(v.GetLower(), v.GetUpper()));

    private static float MaxAcross(Vector128<float> v) => MathF.Max(MathF.Max(v[0], v[1]), MathF.Max(v[2], v[3]));
}
