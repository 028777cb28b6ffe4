using System.Globalization;
using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Cli.Benchmarking;

/// <summary>The three public forms of <see cref="Gemm"/>, named as in the JSON.</summary>
internal enum GemmBenchForm
{
    /// <summary>C = A·B.</summary>
    Multiply,
    /// <summary>C = A·Bᵀ, B stored [n×k] (the forward pass).</summary>
    MultiplyTransposeB,
    /// <summary>C = Aᵀ·B, A stored [k×m] (the weight gradient).</summary>
    MultiplyTransposeA,
}

/// <summary>
/// One product <c>C[m×n] = op(A)·op(B)</c> through the public entry of its form (widest path, <see cref="Gemm.MaxThreads"/>
/// threads), row-major with the tightest leading dimensions, α = 1, β = 0 — as <c>perf/…/GemmBenchmarks</c> measures it.
/// </summary>
internal sealed class GemmWorkload : IBenchWorkload
{
    /// <summary>The shapes of <c>perf/SurgeCollapse.Simd.Benchmarks/Kernels/GemmBenchmarks.cs</c> (issue 7), <c>M×N×K</c>:
    /// C is M×N and the depth is K; the last is the odd one, with a remainder in every dimension.</summary>
    public static readonly (int M, int N, int K)[] Shapes =
        [(64, 128, 256), (64, 256, 128), (128, 64, 256), (256, 256, 256), (512, 512, 512), (1024, 1024, 1024), (67, 131, 257)];

    private readonly GemmBenchForm _form;
    private readonly int _m, _n, _k, _lda, _ldb;
    private readonly float[] _a, _b, _c;

    public GemmWorkload(GemmBenchForm form, (int M, int N, int K) shape)
    {
        _form = form;
        (_m, _n, _k) = shape;
        _lda = form == GemmBenchForm.MultiplyTransposeA ? _m : _k;
        _ldb = form == GemmBenchForm.MultiplyTransposeB ? _k : _n;
        _a = DefaultWorkload.Normals(_m * _k, stream: 4);
        _b = DefaultWorkload.Normals(_k * _n, stream: 5);
        _c = new float[_m * _n];
    }

    /// <summary>The shape as it is written in the JSON and the perf suite: <c>MxNxK</c>.</summary>
    public static string Name((int M, int N, int K) shape) =>
        string.Create(CultureInfo.InvariantCulture, $"{shape.M}x{shape.N}x{shape.K}");

    /// <summary>2·M·N·K.</summary>
    public double Flops => 2.0 * _m * _n * _k;

    /// <inheritdoc/>
    public int CycleCalls => 1;

    /// <inheritdoc/>
    public void Run()
    {
        switch (_form)
        {
            case GemmBenchForm.Multiply:
                Gemm.Multiply(_m, _n, _k, 1f, _a, _lda, _b, _ldb, 0f, _c, _n);
                break;
            case GemmBenchForm.MultiplyTransposeB:
                Gemm.MultiplyTransposeB(_m, _n, _k, 1f, _a, _lda, _b, _ldb, 0f, _c, _n);
                break;
            default:
                Gemm.MultiplyTransposeA(_m, _n, _k, 1f, _a, _lda, _b, _ldb, 0f, _c, _n);
                break;
        }
    }
}
