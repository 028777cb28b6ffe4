using System.Numerics.Tensors;
using SurgeCollapse.Simd.Model;

namespace SurgeCollapse.Simd.Optimizers;

/// <summary>
/// Stochastic gradient descent with momentum, dampening, Nesterov momentum and weight decay, by the rules of
/// <c>torch.optim.SGD</c> (https://pytorch.org/docs/stable/generated/torch.optim.SGD.html): g ← g + λ·p;
/// b ← g on the first step, else b ← μ·b + (1 − τ)·g; g ← g + μ·b (Nesterov) or b; p ← p − lr·g.
/// </summary>
public sealed class Sgd : Optimizer
{
    // PyTorch's state_dict key of the momentum buffer.
    private static readonly string[] MomentumNames = ["momentum_buffer"];

    private readonly float[][] momentumBuffers;

    /// <summary>Creates the optimizer and, with a momentum, one zeroed buffer per parameter.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="options">The hyper-parameters; PyTorch's defaults when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public Sgd(IReadOnlyList<Parameter> parameters, SgdOptions? options = null)
        : base(parameters, (options ?? new SgdOptions()).LearningRate)
    {
        Options = options ?? new SgdOptions();
        Options.Validate();
        momentumBuffers = new float[parameters.Count][];
        for (int i = 0; i < momentumBuffers.Length; i++)
            momentumBuffers[i] = Options.Momentum != 0 ? new float[parameters[i].Length] : [];
    }

    /// <summary>The hyper-parameters given at construction (<see cref="Optimizer.LearningRate"/> may have changed since).</summary>
    public SgdOptions Options { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> StateNames => Options.Momentum != 0 ? MomentumNames : [];

    /// <inheritdoc/>
    protected override void Update(ReadOnlySpan<GradientMask?> masks)
    {
        var scalars = new SgdScalars(Options, LearningRate, isFirstStep: StepCount == 0);
        for (int i = 0; i < Parameters.Count; i++)
        {
            Parameter parameter = Parameters[i];
            SgdKernel.Update(parameter.Value, parameter.Gradient, MaskOf(masks, i), momentumBuffers[i], scalars);
        }

        StepCount++;
    }

    /// <inheritdoc/>
    public override void MaskState(int parameterIndex, ReadOnlySpan<float> keep)
    {
        CheckMask(parameterIndex, keep);
        if (momentumBuffers[parameterIndex].Length != 0)
            TensorPrimitives.Multiply(momentumBuffers[parameterIndex], keep, momentumBuffers[parameterIndex]);
    }

    /// <inheritdoc/>
    protected override float[] StateBuffer(int parameterIndex, int stateIndex) => momentumBuffers[parameterIndex];
}
