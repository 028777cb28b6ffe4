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
    /// (introselect's guarantee: O(n log n) worst case). The pivot choice is fixed, so results are deterministic.
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
                values[low..(high + 1)].Sort();
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

    private static void OrderPair(Span<float> values, int a, int b)
    {
        if (values[b] < values[a])
            (values[a], values[b]) = (values[b], values[a]);
    }
}
