using SurgeCollapse.Simd.Noise;

namespace SurgeCollapse.Cli.Benchmarking;

/// <summary>The workload issue 10 compares with libtorch: the default model, its batch, and seeded data.</summary>
internal static class DefaultWorkload
{
    /// <summary>The default model's layer widths, input first.</summary>
    public static readonly int[] Sizes = [128, 256, 128];

    /// <summary>Rows per training step, and the largest batch the models are built for.</summary>
    public const int Batch = 64;

    /// <summary>The seed of every model and array the benchmark builds, so every run measures the same numbers.</summary>
    public const ulong Seed = 20261123;

    /// <summary>A new array of standard normal values from its own stream of <see cref="Seed"/>.</summary>
    public static float[] Normals(int length, ulong stream)
    {
        var values = new float[length];
        new NormalGenerator(Seed, stream).FillStandardNormal(values);
        return values;
    }

    /// <summary>Multiply-adds of one forward pass of one row: Σ in·out over the layers (bias and ReLU not counted).</summary>
    public static double ForwardMultiplyAddsPerRow()
    {
        double multiplyAdds = 0;
        for (int l = 0; l + 1 < Sizes.Length; l++)
            multiplyAdds += (double)Sizes[l] * Sizes[l + 1];
        return multiplyAdds;
    }

    /// <summary>
    /// Flops of the matrix products of one training step: the forward pass, every dWeight, and dInput of every layer
    /// but the first (the trainer skips it). Element-wise work, the loss and the optimizer are not counted.
    /// </summary>
    public static double StepFlops()
    {
        double multiplyAdds = 0;
        for (int l = 0; l + 1 < Sizes.Length; l++)
            multiplyAdds += (l == 0 ? 2 : 3) * (double)Sizes[l] * Sizes[l + 1];
        return 2.0 * Batch * multiplyAdds;
    }
}
