using System.Numerics.Tensors;
using SurgeCollapse.Simd.Noise;

namespace SurgeCollapse.Simd.Data;

/// <summary>
/// The default data of SPEC §2: a stationary auto-regressive vector sequence <c>x[t+1] = A·x[t] + s·ε[t]</c>, with
/// A a fixed random matrix of spectral radius exactly ρ, ε[t] ~ N(0, I) and s the noise scale. Sample t is the pair
/// (x[t], x[t+1]): the model learns to predict the next state.
/// </summary>
/// <remarks>
/// Everything comes from one <see cref="Xoshiro256"/> stream seeded with <see cref="ArDataOptions.Seed"/>, in this
/// order: the entries of A (N(0, 1), row-major), then the d draws of ε for each step, burn-in first. A is then scaled
/// by ρ / ρ(A) so that its spectral radius is the requested one (see <see cref="SpectralRadius"/>).
/// <para>
/// Burn-in: the sequence starts at x = 0 and runs <see cref="BurnInSteps"/> steps before x[0] is recorded, so that
/// all samples come from the stationary distribution. Starting from N(0, I) instead would make the first states
/// several times larger than the stationary ones (variance 1 against about s² / (1 − ρ²)), and only the training
/// part, at the start of the sequence, would see that transient. The start's influence decays like ρ^t, so the
/// burn-in runs until ρ^t ≤ 10⁻⁶, far below float32's resolution of the variance (132 steps for ρ = 0.9).
/// </para>
/// <para>
/// The states are computed in double and stored as float32. Every entry of A·x is summed in index order with
/// unfused multiply-adds, so the data are bit-identical on every instruction set.
/// </para>
/// </remarks>
public sealed class ArDataSource
{
    private readonly double[] _transition;

    /// <summary>Generates the sequence described by <paramref name="options"/> (validated first).</summary>
    public ArDataSource(ArDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        int dimension = options.Dimension;
        var random = new Xoshiro256(options.Seed, RandomPurpose.Data);

        _transition = new double[dimension * dimension];
        for (int i = 0; i < _transition.Length; i++)
            _transition[i] = random.NextGaussian();
        TensorPrimitives.Multiply(_transition, options.SpectralRadius / SpectralRadius.Compute(_transition, dimension), _transition);

        float[] states = GenerateStates(options, _transition, ref random);
        // Inputs are states 0..n−1 and targets states 1..n: two views of one array.
        int length = options.Samples * dimension;
        Samples = new Dataset(states.AsMemory(0, length), states.AsMemory(dimension, length), dimension, dimension);
        (Training, Validation) = Samples.Split(options.ValidationFraction);
    }

    /// <summary>The options the data were generated with.</summary>
    public ArDataOptions Options { get; }

    /// <summary>The transition matrix A, <c>[Dimension, Dimension]</c> row-major, in double as used for generation.</summary>
    public ReadOnlySpan<double> Transition => _transition;

    /// <summary>All samples in time order: input row t is x[t], target row t is x[t+1].</summary>
    public Dataset Samples { get; }

    /// <summary>The first samples of the sequence, for training.</summary>
    public Dataset Training { get; }

    /// <summary>The last <see cref="ArDataOptions.ValidationFraction"/> of the samples, for validation (order kept: see <see cref="Dataset.Split"/>).</summary>
    public Dataset Validation { get; }

    /// <summary>Steps run from x = 0 before x[0] is recorded: the least t with ρ^t ≤ 10⁻⁶.</summary>
    public static int BurnInSteps(double spectralRadius) => (int)Math.Ceiling(Math.Log(1e-6) / Math.Log(spectralRadius));

    /// <summary>Runs the burn-in, then records x[0..Samples] as float32, row after row.</summary>
    private static float[] GenerateStates(ArDataOptions options, ReadOnlySpan<double> transition, ref Xoshiro256 random)
    {
        int dimension = options.Dimension;
        // Aᵀ, so that A·x is a sum of contiguous rows scaled by x[j]: vectorisable, and still summed in j order.
        var transposed = new double[transition.Length];
        for (int i = 0; i < dimension; i++)
        {
            for (int j = 0; j < dimension; j++)
                transposed[j * dimension + i] = transition[i * dimension + j];
        }

        var states = new float[(options.Samples + 1) * dimension];
        var current = new double[dimension];
        var next = new double[dimension];
        int burnIn = BurnInSteps(options.SpectralRadius);
        for (int step = 0; step < burnIn + options.Samples; step++)
        {
            if (step >= burnIn)
                Record(current, states.AsSpan((step - burnIn) * dimension, dimension));
            TensorPrimitives.Multiply(transposed.AsSpan(0, dimension), current[0], next);
            for (int j = 1; j < dimension; j++)
                TensorPrimitives.MultiplyAdd(transposed.AsSpan(j * dimension, dimension), current[j], next, next);
            for (int i = 0; i < dimension; i++)
                next[i] += options.NoiseScale * random.NextGaussian();
            (current, next) = (next, current);
        }

        Record(current, states.AsSpan(options.Samples * dimension, dimension));
        return states;
    }

    private static void Record(ReadOnlySpan<double> state, Span<float> destination)
    {
        for (int i = 0; i < state.Length; i++)
            destination[i] = (float)state[i];
    }
}
