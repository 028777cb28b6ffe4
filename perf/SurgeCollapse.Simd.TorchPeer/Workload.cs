using SurgeCollapse.Simd.Noise;

namespace SurgeCollapse.Simd.TorchPeer;

/// <summary>What both engines run: the default model, its batch, the GEMM shapes, and seeded data shared by both sides.</summary>
internal static class Workload
{
    /// <summary>The default model's layer widths, input first.</summary>
    public static readonly int[] Sizes = [128, 256, 128];

    /// <summary>Rows of a training step and of the batch-64 prediction.</summary>
    public const int Batch = 64;

    /// <summary>Adam's learning rate (β 0.9 / 0.999, ε 1e-8 on both sides: the defaults).</summary>
    public const double LearningRate = 1e-3;

    /// <summary>The notebook's schedule: collapse when (step + 1) % 100 == 0, surge when (step + 1) % 200 == 0.</summary>
    public const int CollapseEvery = 100, SurgeEvery = 200;

    /// <summary>The notebook's collapse quantile (the median magnitude) and surge recovery factor.</summary>
    public const double Sparsity = 0.5, RecoveryFactor = 0.1;

    /// <summary>Histogram bins of every entropy.</summary>
    public const int Bins = 64;

    /// <summary>Seed of the model and of every array.</summary>
    public const ulong Seed = 20261123;

    /// <summary>The GEMM shapes of the engine's perf suite, <c>M×N×K</c> (C is M×N, depth K); the last has a remainder everywhere.</summary>
    public static readonly (int M, int N, int K)[] GemmShapes =
        [(64, 128, 256), (64, 256, 128), (128, 64, 256), (256, 256, 256), (512, 512, 512), (1024, 1024, 1024), (67, 131, 257)];

    /// <summary>A new array of standard normal values from its own stream of <see cref="Seed"/>.</summary>
    public static float[] Normals(int length, ulong stream)
    {
        var values = new float[length];
        new NormalGenerator(Seed, stream).FillStandardNormal(values);
        return values;
    }
}

/// <summary>The three products: C = A·B, C = A·Bᵀ (B stored [n×k], the forward pass), C = Aᵀ·B (A stored [k×m], the weight gradient).</summary>
internal enum GemmForm
{
    Multiply,
    MultiplyTransposeB,
    MultiplyTransposeA,
}
