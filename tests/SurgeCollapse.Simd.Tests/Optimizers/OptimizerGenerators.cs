using FsCheck;
using FsCheck.Fluent;
using SurgeCollapse.Simd.Optimizers;

namespace SurgeCollapse.Simd.Tests.Optimizers;

/// <summary>One SGD kernel call: span length, start offset into the arrays, data seed, options and whether it is the first step.</summary>
public sealed record SgdCase(int Length, int Offset, int Seed, SgdOptions Options, bool IsFirstStep)
{
    public override string ToString() => $"length={Length} offset={Offset} seed={Seed} first={IsFirstStep} {Options}";
}

/// <summary>One Adam kernel call: span length, start offset into the arrays, data seed, options and step number.</summary>
public sealed record AdamCase(int Length, int Offset, int Seed, AdamOptions Options, long Step)
{
    public override string ToString() => $"length={Length} offset={Offset} seed={Seed} step={Step} {Options}";
}

/// <summary>FsCheck generators for the optimizer kernels (kept beside their tests; they could join Generators.cs).</summary>
public static class OptimizerGenerators
{
    /// <summary>Lengths 0..300, and 511, 512, 513 around the widest vector's multiples.</summary>
    private static Gen<int> Length => Gen.OneOf(Gen.Choose(0, 300), Gen.Elements(511, 512, 513));

    private static readonly SgdOptions[] SgdSettings =
    [
        new() { LearningRate = 0.1 },
        new() { LearningRate = 0.1, Momentum = 0.9 },
        new() { LearningRate = 0.05, Momentum = 0.9, Dampening = 0.5 },
        new() { LearningRate = 0.1, Momentum = 0.9, Nesterov = true },
        new() { LearningRate = 0.1, WeightDecay = 1e-2 },
        new() { LearningRate = 0.01, Momentum = 0.5, Dampening = 0.1, WeightDecay = 1e-4 },
        new() { LearningRate = 0.1, Momentum = 0.9, Nesterov = true, WeightDecay = 1e-2 },
    ];

    private static readonly AdamOptions[] AdamSettings =
    [
        new(),
        new() { WeightDecay = 1e-2 },
        AdamOptions.AdamW,
        new() { LearningRate = 0.1, Beta1 = 0.5, Beta2 = 0.9, Epsilon = 1e-3, WeightDecay = 0.5, DecoupledWeightDecay = true },
        new() { LearningRate = 3e-4, Beta1 = 0, Beta2 = 0, Epsilon = 0 },
    ];

    public static Arbitrary<SgdCase> SgdCases() =>
        (from length in Length
         from offset in Gen.Choose(0, 3)
         from seed in Gen.Choose(0, int.MaxValue)
         from options in Gen.Elements(SgdSettings)
         from isFirstStep in Gen.Elements(true, false)
         select new SgdCase(length, offset, seed, options, isFirstStep))
        .ToArbitrary();

    public static Arbitrary<AdamCase> AdamCases() =>
        (from length in Length
         from offset in Gen.Choose(0, 3)
         from seed in Gen.Choose(0, int.MaxValue)
         from options in Gen.Elements(AdamSettings)
         from step in Gen.OneOf(Gen.Choose(1, 20), Gen.Choose(1, 100_000))
         select new AdamCase(length, offset, seed, options, step))
        .ToArbitrary();

    /// <summary>
    /// Values for kernel inputs from a seed: mostly uniform in [−1, 1), with ±0, tiny (subnormal), huge, ±∞ and NaN
    /// mixed in so that the paths must agree on them too. <paramref name="nonNegative"/> gives |x| (for v).
    /// </summary>
    public static float[] KernelValues(int length, int seed, bool nonNegative = false)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            float value = random.Next(40) switch
            {
                0 => 0f,
                1 => -0f,
                2 => 1e-40f,
                3 => 3e37f,
                4 => float.PositiveInfinity,
                5 => float.NegativeInfinity,
                6 => float.NaN,
                _ => (float)(random.NextDouble() * 2 - 1),
            };
            values[i] = nonNegative ? Math.Abs(value) : value;
        }

        return values;
    }
}
