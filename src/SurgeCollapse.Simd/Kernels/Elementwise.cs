using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SurgeCollapse.Simd.Kernels;

/// <summary>The loop behind element-wise kernels: the chosen width over whole vectors, then a scalar tail.</summary>
internal static class Elementwise
{
    /// <summary><c>destination[i] = TOperator(x[i], y[i])</c>; destination may alias x or y.</summary>
    public static unsafe void Binary<TOperator>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination, SimdWidth width)
        where TOperator : struct, IBinaryOperator
    {
        if (x.Length != y.Length || x.Length != destination.Length)
            throw new ArgumentException($"lengths differ: x {x.Length}, y {y.Length}, destination {destination.Length}", nameof(destination));
        int length = x.Length, i = 0;
        fixed (float* px = x, py = y, pd = destination)
        {
            // A scalar tail rather than an overlapping last vector: destination may alias an input.
            if (width == SimdWidth.Vector512)
            {
                for (; i + Vector512<float>.Count <= length; i += Vector512<float>.Count)
                    Vector512.Store(TOperator.Invoke(Vector512.Load(px + i), Vector512.Load(py + i)), pd + i);
            }
            else if (width == SimdWidth.Vector256)
            {
                for (; i + Vector256<float>.Count <= length; i += Vector256<float>.Count)
                    Vector256.Store(TOperator.Invoke(Vector256.Load(px + i), Vector256.Load(py + i)), pd + i);
            }
            else if (width == SimdWidth.Vector128)
            {
                for (; i + Vector128<float>.Count <= length; i += Vector128<float>.Count)
                    Vector128.Store(TOperator.Invoke(Vector128.Load(px + i), Vector128.Load(py + i)), pd + i);
            }

            for (; i < length; i++)
                pd[i] = TOperator.Invoke(px[i], py[i]);
        }
    }
}
