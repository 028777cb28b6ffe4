namespace SurgeCollapse.Simd.Sparsity;

/// <summary>Order statistics by selection (Hoare's quickselect), in expected linear time, in place, allocation-free.</summary>
internal static partial class Selection
{
    /// <summary>
    /// Reorders <paramref name="values"/> so that <c>values[k]</c> is the value of 0-based rank <paramref name="k"/> in
    /// ascending order, everything before it is ≤ and everything after it is ≥, and returns it.
    /// </summary>
    /// <remarks>
    /// Median-of-three pivots make sorted and reversed input linear. An adversarial input could still make
    /// quickselect quadratic, so after 2·log₂(n) + 8 partition rounds the remaining range is sorted instead
    /// (introselect's guarantee: O(n log n) worst case, by heapsort). The pivot choice is fixed, so results are deterministic.
    /// </remarks>
    public static float Select(Span<float> values, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, values.Length);
        int low = 0, high = values.Length - 1;
        int budget = 2 * (int)Math.Log2(values.Length + 1) + 8;
        while (high > low)
        {
            if (budget-- == 0)
            {
                HeapSort(values[low..(high + 1)]);
                return values[k];
            }

            int middle = low + (high - low) / 2;
            OrderPair(values, low, middle);
            OrderPair(values, low, high);
            OrderPair(values, middle, high);
            float pivot = values[middle];
            int i = low, j = high;
            while (i <= j)
            {
                while (values[i] < pivot)
                    i++;
                while (values[j] > pivot)
                    j--;
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            // [low, j] ≤ pivot ≤ [i, high], and everything strictly between j and i equals the pivot.
            if (k <= j)
                high = j;
            else if (k >= i)
                low = i;
            else
                return values[k];
        }

        return values[k];
    }

    /// <summary>In-place heapsort: O(n log n) whatever the input, and allocation-free everywhere (Span.Sort allocates under NativeAOT).</summary>
    internal static void HeapSort(Span<float> values)
    {
        for (int start = values.Length / 2 - 1; start >= 0; start--)
            SiftDown(values, start, values.Length);
        for (int end = values.Length - 1; end > 0; end--)
        {
            (values[0], values[end]) = (values[end], values[0]);
            SiftDown(values, 0, end);
        }
    }

    private static void SiftDown(Span<float> values, int root, int length)
    {
        while (2 * root + 1 < length)
        {
            int child = 2 * root + 1;
            if (child + 1 < length && values[child] < values[child + 1])
                child++;
            if (!(values[root] < values[child]))
                return;
            (values[root], values[child]) = (values[child], values[root]);
            root = child;
        }
    }

    private static void OrderPair(Span<float> values, int a, int b)
    {
        if (values[b] < values[a])
            (values[a], values[b]) = (values[b], values[a]);
    }
}
