using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SurgeCollapse.Simd.Sparsity;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Sparsity;

public sealed record QuantileCase(int Length, bool Ties, bool HalfZeros, float Q, int Seed)
{
    /// <summary>
    /// Values in [−1, 1), or, with ties, drawn from 7 levels including 0; with half zeros, every other value 0 (a
    /// tensor collapsed before, the large tie a repeated collapse sees).
    /// </summary>
    public float[] Values()
    {
        var random = new Random(Seed);
        var values = new float[Length];
        for (int i = 0; i < Length; i++)
            values[i] = Ties ? (random.Next(7) - 3) / 4f : (float)(random.NextDouble() * 2 - 1);
        if (HalfZeros)
        {
            for (int i = 0; i < Length; i += 2)
                values[i] = 0f;
        }

        return values;
    }
}

public static class QuantileGenerators
{
    public static Arbitrary<QuantileCase> Cases() =>
        // Sizes from 4,096 up take the sampled bracket path (Selection.SelectPair); below, quickselect alone.
        (from length in Gen.OneOf(Gen.Choose(1, 20), Gen.Choose(1, 3000), Gen.Choose(4_096, 40_000))
         from ties in Gen.Elements(false, true)
         from halfZeros in Gen.Elements(false, true)
         from q in Gen.OneOf(Gen.Elements(0f, 0.5f, 1f, 0.25f, 0.9f), Gen.Choose(0, 1_000_000).Select(i => i / 1_000_000f))
         from seed in Gen.Choose(0, int.MaxValue)
         select new QuantileCase(length, ties, halfZeros, q, seed)).ToArbitrary();
}

public sealed class QuantileTests
{
    /// <summary>Selection gives, bit for bit, the torch.quantile float32 recipe applied to the sorted values (SPEC §3).</summary>
    [Property(Arbitrary = [typeof(QuantileGenerators)], MaxTest = 300)]
    public void Quantile_by_selection_equals_the_sorted_recipe_bit_for_bit(QuantileCase test)
    {
        float[] values = test.Values();
        float[] sorted = (float[])values.Clone();
        Array.Sort(sorted);
        float expected = Quantile.OfSorted(sorted, test.Q);
        float actual = Quantile.Of(values, test.Q);
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(actual));
    }

    /// <summary>The quantile of magnitudes, with its shortcut among the zeros, equals the sorted recipe bit for bit.</summary>
    [Property(Arbitrary = [typeof(QuantileGenerators)], MaxTest = 300)]
    public void Quantile_of_magnitudes_equals_the_sorted_recipe_bit_for_bit(QuantileCase test)
    {
        float[] magnitudes = [.. test.Values().Select(MathF.Abs)];
        float[] sorted = (float[])magnitudes.Clone();
        Array.Sort(sorted);
        float expected = Quantile.OfSorted(sorted, test.Q);
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(Quantile.OfMagnitudes(magnitudes, test.Q)));
    }

    /// <summary>
    /// A collapsed tensor's case: as many zeros as the rank above, one fewer, one more — the shortcut's three branches
    /// and their edges, on small and large sets (the large ones would otherwise take the sampled bracket).
    /// </summary>
    [Theory]
    [InlineData(9, 0.5f)]
    [InlineData(10, 0.5f)]
    [InlineData(4_097, 0.3f)]
    [InlineData(32_768, 0.5f)]
    public void Quantile_of_magnitudes_is_exact_with_the_zeros_around_the_rank(int length, float q)
    {
        int above = (int)MathF.Ceiling(q * (length - 1));
        foreach (int zeros in (int[])[above - 1, above, above + 1])
        {
            var random = new Random(length + zeros);
            float[] magnitudes = [.. Enumerable.Range(0, length).Select(i => i < zeros ? 0f : (float)random.NextDouble() + 1e-3f)];
            random.Shuffle(magnitudes);
            float[] sorted = (float[])magnitudes.Clone();
            Array.Sort(sorted);
            float expected = Quantile.OfSorted(sorted, q);
            Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(Quantile.OfMagnitudes(magnitudes, q)),
                $"{length} values, {zeros} zeros, q = {q}: expected {expected:R}");
        }
    }

    [Fact]
    public void Quantile_of_magnitudes_refuses_NaN_even_where_the_zeros_would_answer()
    {
        float[] magnitudes = [0f, 0f, 0f, 0f, float.NaN];
        Assert.Throws<ArgumentException>(() => Quantile.OfMagnitudes(magnitudes, 0.5f));
    }

    [Property(Arbitrary = [typeof(QuantileGenerators)], MaxTest = 200)]
    public void Selection_puts_the_kth_value_in_place_with_smaller_before_and_larger_after(QuantileCase test)
    {
        float[] values = test.Values();
        float[] sorted = (float[])values.Clone();
        Array.Sort(sorted);
        int k = (int)((uint)test.Seed % (uint)values.Length);
        Assert.Equal(sorted[k], Selection.Select(values, k));
        Assert.All(values[..k], v => Assert.True(v <= sorted[k]));
        Assert.All(values[(k + 1)..], v => Assert.True(v >= sorted[k]));
    }

    /// <summary>Introselect's fallback sorts the remaining range by heapsort (allocation-free, unlike Span.Sort under NativeAOT).</summary>
    [Property(Arbitrary = [typeof(QuantileGenerators)], MaxTest = 100)]
    public void Heapsort_sorts_like_Array_Sort(QuantileCase test)
    {
        float[] values = test.Values();
        float[] expected = (float[])values.Clone();
        Array.Sort(expected);
        Selection.HeapSort(values);
        Assert.Equal(expected, values);
    }

    [Fact]
    public void Worked_example_interpolates_between_order_statistics()
    {
        // torch.quantile(tensor([4., 1., 3., 2.]), 0.5) = 2.5: rank 1.5 between 2 and 3.
        Assert.Equal(2.5f, Quantile.Of([4f, 1f, 3f, 2f], 0.5f));
        Assert.Equal(1f, Quantile.Of([4f, 1f, 3f, 2f], 0f));
        Assert.Equal(4f, Quantile.Of([4f, 1f, 3f, 2f], 1f));
        Assert.Equal(7f, Quantile.Of([7f], 0.3f));
    }

    [Fact]
    public void Adversarial_orders_still_select_correctly()
    {
        // Sorted, reversed and organ-pipe inputs are the classic quickselect worst cases.
        int n = 10_001;
        float[][] inputs =
        [
            Enumerable.Range(0, n).Select(i => (float)i).ToArray(),
            Enumerable.Range(0, n).Select(i => (float)(n - i)).ToArray(),
            Enumerable.Range(0, n).Select(i => (float)Math.Min(i, n - i)).ToArray(),
            Enumerable.Repeat(3f, n).ToArray(),
            // Small exactly where the stride sample of SelectPair looks (n/1024 + j·n/512) and large elsewhere: the
            // sample brackets the wrong ranks, and the selection must notice and fall back.
            Enumerable.Range(0, n).Select(i => i % (n / 512) == n / 1024 % (n / 512) ? 0f : 1f + i % 97).ToArray(),
        ];
        foreach (float[] input in inputs)
        {
            float[] sorted = (float[])input.Clone();
            Array.Sort(sorted);
            Assert.Equal(Quantile.OfSorted(sorted, 0.5f), Quantile.Of(input, 0.5f));
        }
    }

    [Fact]
    public void NaN_and_empty_input_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Quantile.Of([1f, float.NaN, 2f], 0.5f));
        Assert.Throws<ArgumentException>(() => Quantile.Of([], 0.5f));
    }
}
