using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;
using SurgeCollapse.Simd.Benchmarks.Infrastructure;
using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Simd.Benchmarks.Kernels;

/// <summary>The three forms of <see cref="Gemm"/>, public so they can be a benchmark parameter (GemmForm is internal).</summary>
public enum GemmBenchmarkForm
{
    /// <summary>C = A·B.</summary>
    Normal,
    /// <summary>C = A·Bᵀ, B stored [n×k] (the forward pass).</summary>
    TransposeB,
    /// <summary>C = Aᵀ·B, A stored [k×m] (the weight gradient).</summary>
    TransposeA,
}

/// <summary>
/// Single-threaded <c>Gemm.Compute</c> per form, shape and forced vector width, with the scalar
/// <c>Gemm.Reference</c> as the baseline on the small shapes.
/// </summary>
/// <remarks>
/// <para><b>Shape convention:</b> <c>MxNxK</c> — C is M×N and the depth of the product is K (2·M·N·K flops).
/// Operands are stored row-major with the tightest leading dimension: A is M×K (K×M for TransposeA), B is K×N
/// (N×K for TransposeB), C is M×N; α = 1, β = 0 (C is only written).</para>
/// <para>One method per width, so each width's name stays the same on every machine and the scalar reference is
/// the baseline of both; <c>Vector512</c> is dropped where the JIT does not accelerate it. <c>67x131x257</c> is
/// the odd shape: every dimension leaves a remainder in the micro-kernel and the blocking.</para>
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class GemmBenchmarks
{
    /// <summary>Shapes small enough for the scalar reference (a few ms each).</summary>
    public static readonly string[] ReferenceShapes = ["64x128x256", "67x131x257"];

    private float[] _a = [], _b = [], _c = [];
    private int _m, _n, _k, _lda, _ldb, _ldc;
    private GemmForm _form;

    /// <summary>Which operand is read transposed.</summary>
    [Params(GemmBenchmarkForm.Normal, GemmBenchmarkForm.TransposeB, GemmBenchmarkForm.TransposeA)]
    public GemmBenchmarkForm Form { get; set; }

    /// <summary><c>MxNxK</c>: C is M×N, the depth is K.</summary>
    [Params("64x128x256", "64x256x128", "128x64x256", "256x256x256", "512x512x512", "1024x1024x1024", "67x131x257")]
    public string Shape { get; set; } = "64x128x256";

    /// <summary>Parses <c>MxNxK</c>.</summary>
    public static (int M, int N, int K) ParseShape(string shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        string[] parts = shape.Split('x');
        if (parts.Length != 3)
            throw new FormatException($"a GEMM shape is MxNxK, got '{shape}'");
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture),
            int.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    /// <summary>2·M·N·K flops per product.</summary>
    public static double FlopsPerOperation(BenchmarkCase benchmarkCase)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        (int m, int n, int k) = ParseShape((string)benchmarkCase.Parameters[nameof(Shape)]);
        return 2.0 * m * n * k;
    }

    /// <summary>Seeded operands in the layout the form reads.</summary>
    [GlobalSetup]
    public void Setup()
    {
        (_m, _n, _k) = ParseShape(Shape);
        _form = Form switch
        {
            GemmBenchmarkForm.Normal => GemmForm.Normal,
            GemmBenchmarkForm.TransposeB => GemmForm.TransposeB,
            GemmBenchmarkForm.TransposeA => GemmForm.TransposeA,
            _ => throw new InvalidOperationException($"unknown form {Form}"),
        };
        _lda = _form == GemmForm.TransposeA ? _m : _k;
        _ldb = _form == GemmForm.TransposeB ? _k : _n;
        _ldc = _n;
        _a = SeededData.Uniform(_m * _k, seedOffset: 1);
        _b = SeededData.Uniform(_k * _n, seedOffset: 2);
        _c = new float[_m * _n];
    }

    /// <summary>The scalar specification, one dot product per element (small shapes only).</summary>
    [Benchmark(Baseline = true)]
    [VectorWidth(SimdWidth.Scalar)]
    public void Reference() =>
        Gemm.Reference(_form, _m, _n, _k, 1f, _a, _lda, _b, _ldb, 0f, _c, _ldc);

    /// <summary>The 512-bit micro-kernel, one thread.</summary>
    [Benchmark]
    [VectorWidth(SimdWidth.Vector512)]
    public void Vector512() =>
        Gemm.Compute(_form, _m, _n, _k, 1f, _a, _lda, _b, _ldb, 0f, _c, _ldc, SimdWidth.Vector512, Gemm.NeverSplit);

    /// <summary>The 256-bit micro-kernel, one thread.</summary>
    [Benchmark]
    [VectorWidth(SimdWidth.Vector256)]
    public void Vector256() =>
        Gemm.Compute(_form, _m, _n, _k, 1f, _a, _lda, _b, _ldb, 0f, _c, _ldc, SimdWidth.Vector256, Gemm.NeverSplit);

    /// <summary>Adds the rule that the scalar reference runs on <see cref="ReferenceShapes"/> only.</summary>
    public sealed class Config : ThroughputConfig
    {
        /// <summary>Creates the config.</summary>
        public Config() => AddFilter(new SimpleFilter(benchmarkCase =>
            benchmarkCase.Descriptor.WorkloadMethod.Name != nameof(Reference)
            || ReferenceShapes.Contains((string)benchmarkCase.Parameters[nameof(Shape)])));
    }
}
