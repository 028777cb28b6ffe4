using FsCheck;
using FsCheck.Fluent;
using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Simd.Tests;

/// <summary>A random matrix product: shape, scalars, padding of each leading dimension, view offsets and data seed.</summary>
public sealed record GemmCase(int Form, int M, int N, int K, float Alpha, float Beta, int PadA, int PadB, int PadC, int Offset, int Seed)
{
    internal GemmForm GemmForm => (GemmForm)Form;

    public override string ToString() =>
        $"{GemmForm} m={M} n={N} k={K} α={Alpha} β={Beta} pads=({PadA},{PadB},{PadC}) offset={Offset} seed={Seed}";
}

/// <summary>A <see cref="GemmCase"/> drawn for the batch-1 dot-product path.</summary>
public sealed record DotProductCase(GemmCase Case)
{
    public override string ToString() => Case.ToString();
}

/// <summary>The FsCheck generators, in one place.</summary>
public static class Generators
{
    /// <summary>Upper bound on m·n·k so that one case, on all four paths plus the double oracle, stays fast even
    /// when the paths are emulated in software (the DOTNET_EnableHWIntrinsic=0 pass).</summary>
    private const long MaxMultiplyAdds = 1_500_000;

    /// <summary>Dimensions 1..300, half of them small (1..40) so that edges and remainders dominate.</summary>
    private static Gen<int> Dimension =>
        Gen.OneOf(Gen.Choose(1, 40), Gen.Choose(1, 300));

    private static Gen<float> Scalar => Gen.Elements(0f, 1f, -1f, 0.5f, 1.75f, -2.25f);

    public static Arbitrary<GemmCase> GemmCases() =>
        (from form in Gen.Choose(0, 2)
         from m in Gen.OneOf(Gen.Choose(1, 4), Dimension) // 1..4 rows take the dot-product path of A·Bᵀ
         from n in Dimension
         from k in Dimension
         from alpha in Scalar
         from beta in Scalar
         from padA in Gen.Choose(0, 5)
         from padB in Gen.Choose(0, 5)
         from padC in Gen.Choose(0, 5)
         from offset in Gen.Choose(0, 7)
         from seed in Gen.Choose(0, int.MaxValue)
         select new GemmCase(form, m, n, k, alpha, beta, padA, padB, padC, offset, seed))
        .Where(c => (long)c.M * c.N * c.K <= MaxMultiplyAdds)
        .ToArbitrary();

    /// <summary>
    /// Batch-1 shapes (<c>A·Bᵀ</c>, m ≤ 4) deep enough for the dot-product kernels' 128-wide chunks and their tails
    /// (k up to 400, any remainder), with offsets 0..15 floats so that rows of B start at every position in a cache line.
    /// </summary>
    public static Arbitrary<DotProductCase> DotProductCases() =>
        (from m in Gen.Choose(1, 4)
         from n in Gen.Choose(1, 70)
         from k in Gen.OneOf(Gen.Choose(1, 40), Gen.Choose(100, 400))
         from alpha in Scalar
         from beta in Scalar
         from padA in Gen.Choose(0, 5)
         from padB in Gen.Choose(0, 17)
         from offset in Gen.Choose(0, 15)
         from seed in Gen.Choose(0, int.MaxValue)
         select new DotProductCase(new GemmCase((int)GemmForm.TransposeB, m, n, k, alpha, beta, padA, padB, 0, offset, seed)))
        .ToArbitrary();

    /// <summary>Every instruction-set path; tests force each one, whatever the machine has.</summary>
    public static readonly SimdWidth[] AllWidths = [SimdWidth.Scalar, SimdWidth.Vector128, SimdWidth.Vector256, SimdWidth.Vector512];

    /// <summary>Uniform values in [−1, 1) from a seed.</summary>
    public static float[] RandomArray(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }
}
