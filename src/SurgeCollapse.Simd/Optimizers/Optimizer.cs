using SurgeCollapse.Simd.Model;

namespace SurgeCollapse.Simd.Optimizers;

/// <summary>
/// The optimizer contract: updates every parameter in place from its gradient, allocating its state once,
/// at construction, so that <see cref="Step"/> allocates nothing.
/// </summary>
public abstract class Optimizer
{
    private double _learningRate;

    /// <summary>Binds the optimizer to the parameters it updates, with its initial learning rate.</summary>
    protected Optimizer(IReadOnlyList<Parameter> parameters, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        LearningRate = learningRate;
    }

    /// <summary>The parameters this optimizer updates, in the order they were given.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>How many steps have been taken (PyTorch's <c>state["step"]</c>).</summary>
    public long StepCount { get; protected set; }

    /// <summary>The learning rate; can be changed between steps (for schedules).</summary>
    /// <remarks>
    /// A double, as PyTorch's hyper-parameters are: the step scalars (−lr/(1 − β₁ᵗ), 1 − lr·λ) are computed in double
    /// and rounded to float32 once, and a float32 learning rate would change them by an ulp on some steps.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public double LearningRate
    {
        get => _learningRate;
        set
        {
            OptionCheck.FiniteNonNegative(GetType().Name, nameof(LearningRate), value);
            _learningRate = value;
        }
    }

    /// <summary>Applies one update to every parameter from its current gradient.</summary>
    public abstract void Step();

    /// <summary>
    /// Multiplies every state buffer (moments, momentum) of parameter <paramref name="parameterIndex"/> element-wise
    /// by <paramref name="keep"/>: 1 keeps an element's state, 0 clears it — a pruned weight's state is masked, a
    /// re-expanded weight starts afresh (SPEC §3–§4).
    /// </summary>
    public abstract void MaskState(int parameterIndex, ReadOnlySpan<float> keep);

    /// <summary>Checks that <paramref name="keep"/> matches the parameter's length.</summary>
    protected void CheckMask(int parameterIndex, ReadOnlySpan<float> keep)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameterIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(parameterIndex, Parameters.Count);
        if (keep.Length != Parameters[parameterIndex].Length)
            throw new ArgumentException($"the mask holds {keep.Length} values; {Parameters[parameterIndex].Name} has {Parameters[parameterIndex].Length}", nameof(keep));
    }
}
