using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SurgeCollapse.Simd.Kernels;

/// <summary>Reductions whose result must not depend on the instruction set beyond the last bits of a double.</summary>
public static class Reductions
{
    /// <summary>How many of <paramref name="values"/> are zero (+0 or −0): the sparsity of a tensor.</summary>
    public static int CountZeros(ReadOnlySpan<float> values) => CountZeros(values, SimdCapabilities.Widest);

    /// <summary>As the public overload, on the given path (tests force each one).</summary>
    internal static int CountZeros(ReadOnlySpan<float> values, SimdWidth width)
    {
        // Equal lanes are −1 in the comparison's integer view, so subtracting it counts them; two accumulators per
        // width keep two compares in flight (a 256 KiB weight matrix streams from L2).
        ref float x0 = ref MemoryMarshal.GetReference(values);
        int length = values.Length, i = 0, count = 0;
        if (width >= SimdWidth.Vector512)
        {
            Vector512<int> even = default, odd = default;
            for (; i <= length - 2 * Vector512<float>.Count; i += 2 * Vector512<float>.Count)
            {
                even -= Vector512.Equals(Vector512.LoadUnsafe(ref x0, (nuint)i), Vector512<float>.Zero).AsInt32();
                odd -= Vector512.Equals(Vector512.LoadUnsafe(ref x0, (nuint)(i + Vector512<float>.Count)), Vector512<float>.Zero).AsInt32();
            }

            count += Vector512.Sum(even + odd);
        }

        if (width >= SimdWidth.Vector256)
        {
            Vector256<int> counts = default;
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
                counts -= Vector256.Equals(Vector256.LoadUnsafe(ref x0, (nuint)i), Vector256<float>.Zero).AsInt32();
            count += Vector256.Sum(counts);
        }

        if (width >= SimdWidth.Vector128)
        {
            Vector128<int> counts = default;
            for (; i <= length - Vector128<float>.Count; i += Vector128<float>.Count)
                counts -= Vector128.Equals(Vector128.LoadUnsafe(ref x0, (nuint)i), Vector128<float>.Zero).AsInt32();
            count += Vector128.Sum(counts);
        }

        for (; i < length; i++)
            count += values[i] == 0f ? 1 : 0;
        return count;
    }

    /// <summary>
    /// <c>Σ x²</c> accumulated in double. The square of a float is exact in double (48 of 53 bits), so the only
    /// roundings are the additions, each 2⁻⁵³ relative: a float loss computed from this sum agrees across paths to
    /// within one ulp (almost always exactly), where a float accumulation of 8,192 terms differs by path (pairwise vs
    /// sequential) in the sixth digit.
    /// </summary>
    public static double SumOfSquares(ReadOnlySpan<float> values) => SumOfSquares(values, SimdCapabilities.Widest);

    internal static unsafe double SumOfSquares(ReadOnlySpan<float> values, SimdWidth width)
    {
        int length = values.Length, i = 0;
        double sum = 0;
        fixed (float* x = values)
        {
            // Fixed association: lanes accumulate in index order, then the lanes are added, then the scalar tail.
            if (width == SimdWidth.Vector512)
            {
                Vector512<double> lower = default, upper = default;
                for (; i + 16 <= length; i += 16)
                {
                    (Vector512<double> l, Vector512<double> u) = Vector512.Widen(Vector512.Load(x + i));
                    lower += l * l;
                    upper += u * u;
                }

                sum = Vector512.Sum(lower + upper);
            }
            else if (width == SimdWidth.Vector256)
            {
                Vector256<double> lower = default, upper = default;
                for (; i + 8 <= length; i += 8)
                {
                    (Vector256<double> l, Vector256<double> u) = Vector256.Widen(Vector256.Load(x + i));
                    lower += l * l;
                    upper += u * u;
                }

                sum = Vector256.Sum(lower + upper);
            }
            else if (width == SimdWidth.Vector128)
            {
                Vector128<double> lower = default, upper = default;
                for (; i + 4 <= length; i += 4)
                {
                    (Vector128<double> l, Vector128<double> u) = Vector128.Widen(Vector128.Load(x + i));
                    lower += l * l;
                    upper += u * u;
                }

                sum = Vector128.Sum(lower + upper);
            }

            for (; i < length; i++)
                sum += (double)x[i] * x[i];
        }

        return sum;
    }
}
