using SurgeCollapse.Simd.Model;

namespace SurgeCollapse.Simd.Optimizers;

/// <summary>
/// The optimizer contract: updates every parameter in place from its gradient, allocating its state once,
/// at construction, so that <see cref="Step()"/> allocates nothing.
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

    /// <summary>
    /// The names of the state buffers every parameter has, as PyTorch's <c>optimizer.state_dict()</c> calls them: Adam's
    /// <c>exp_avg</c> and <c>exp_avg_sq</c>, SGD's <c>momentum_buffer</c> (none without momentum). Each buffer has its
    /// parameter's length. With <see cref="StepCount"/> and <see cref="LearningRate"/> they are all a resumed run needs.
    /// </summary>
    public abstract IReadOnlyList<string> StateNames { get; }

    /// <summary>Applies one update to every parameter from its current gradient.</summary>
    public void Step() => Update([]);

    /// <summary>
    /// Applies one update to every parameter from its current gradient, taking as zero the gradient of every element
    /// its mask does not keep, so that a pruned weight stays where it is; the gradients themselves are left as they are.
    /// Masking inside the update saves a pass over every masked gradient.
    /// </summary>
    /// <param name="masks">One entry per parameter: its mask, or null for none; or empty for no masks at all.</param>
    /// <exception cref="ArgumentException">There are masks, but not one per parameter, or one has the wrong length.</exception>
    public void Step(ReadOnlySpan<GradientMask?> masks)
    {
        if (!masks.IsEmpty && masks.Length != Parameters.Count)
            throw new ArgumentException($"{masks.Length} gradient masks for {Parameters.Count} parameters", nameof(masks));
        for (int i = 0; i < masks.Length; i++)
        {
            if (masks[i] is { } mask && mask.Length != Parameters[i].Length)
                throw new ArgumentException($"the gradient mask of {Parameters[i].Name} covers {mask.Length} elements; the parameter has {Parameters[i].Length}", nameof(masks));
        }

        Update(masks);
    }

    /// <summary>One update of every parameter; <paramref name="masks"/> is empty or checked, one entry per parameter.</summary>
    protected abstract void Update(ReadOnlySpan<GradientMask?> masks);

    /// <summary>The mask of parameter <paramref name="index"/> in <paramref name="masks"/>; null for none.</summary>
    protected static GradientMask? MaskOf(ReadOnlySpan<GradientMask?> masks, int index) => masks.IsEmpty ? null : masks[index];

    /// <summary>State buffer <paramref name="stateIndex"/> (of <see cref="StateNames"/>) of parameter <paramref name="parameterIndex"/>, for a checkpoint.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public ReadOnlySpan<float> GetState(int parameterIndex, int stateIndex) => CheckedStateBuffer(parameterIndex, stateIndex);

    /// <summary>Overwrites state buffer <paramref name="stateIndex"/> of parameter <paramref name="parameterIndex"/> with saved values.</summary>
    /// <param name="parameterIndex">The parameter, an index into <see cref="Parameters"/>.</param>
    /// <param name="stateIndex">The buffer, an index into <see cref="StateNames"/>.</param>
    /// <param name="values">Exactly as many values as the parameter has; copied bit for bit.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="values"/> has the wrong length.</exception>
    public void SetState(int parameterIndex, int stateIndex, ReadOnlySpan<float> values)
    {
        float[] buffer = CheckedStateBuffer(parameterIndex, stateIndex);
        if (values.Length != buffer.Length)
            throw new ArgumentException($"{Parameters[parameterIndex].Name} {StateNames[stateIndex]} holds {buffer.Length} values, got {values.Length}", nameof(values));
        values.CopyTo(buffer);
    }

    /// <summary>
    /// Sets <see cref="StepCount"/> to the count a checkpoint recorded. It is state, not bookkeeping: Adam's bias
    /// corrections use it and SGD's first step seeds the momentum buffer with the gradient.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stepCount"/> is negative.</exception>
    public void RestoreStepCount(long stepCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stepCount);
        StepCount = stepCount;
    }

    /// <summary>
    /// Multiplies every state buffer (moments, momentum) of parameter <paramref name="parameterIndex"/> element-wise
    /// by <paramref name="keep"/>: 1 keeps an element's state, 0 clears it — a pruned weight's state is masked, a
    /// re-expanded weight starts afresh (SPEC §3–§4).
    /// </summary>
    public abstract void MaskState(int parameterIndex, ReadOnlySpan<float> keep);

    /// <summary>The array behind state buffer <paramref name="stateIndex"/> of parameter <paramref name="parameterIndex"/> (indices already checked).</summary>
    protected abstract float[] StateBuffer(int parameterIndex, int stateIndex);

    /// <summary>Checks that <paramref name="keep"/> matches the parameter's length.</summary>
    protected void CheckMask(int parameterIndex, ReadOnlySpan<float> keep)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameterIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(parameterIndex, Parameters.Count);
        if (keep.Length != Parameters[parameterIndex].Length)
            throw new ArgumentException($"the mask holds {keep.Length} values; {Parameters[parameterIndex].Name} has {Parameters[parameterIndex].Length}", nameof(keep));
    }

    private float[] CheckedStateBuffer(int parameterIndex, int stateIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameterIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(parameterIndex, Parameters.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(stateIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(stateIndex, StateNames.Count);
        return StateBuffer(parameterIndex, stateIndex);
    }
}
