using System.Numerics.Tensors;
using SurgeCollapse.Simd.Model;

namespace SurgeCollapse.Simd.Optimizers;

/// <summary>
/// Adam, and AdamW with <see cref="AdamOptions.DecoupledWeightDecay"/>, by the rules of <c>torch.optim.Adam</c>
/// (https://pytorch.org/docs/stable/generated/torch.optim.Adam.html) and <c>torch.optim.AdamW</c>: bias-corrected
/// moments, ε added outside the square root. The float32 operations follow libtorch's order (<see cref="AdamKernel"/>).
/// </summary>
public sealed class Adam : Optimizer
{
    // PyTorch's state_dict keys of the first and second moments.
    private static readonly string[] Names = ["exp_avg", "exp_avg_sq"];

    private readonly float[][] firstMoments;
    private readonly float[][] secondMoments;

    /// <summary>Creates the optimizer and its zeroed moments, two per parameter.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="options">The hyper-parameters; PyTorch's Adam defaults when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public Adam(IReadOnlyList<Parameter> parameters, AdamOptions? options = null)
        : base(parameters, (options ?? new AdamOptions()).LearningRate)
    {
        Options = options ?? new AdamOptions();
        Options.Validate();
        firstMoments = new float[parameters.Count][];
        secondMoments = new float[parameters.Count][];
        for (int i = 0; i < firstMoments.Length; i++)
        {
            firstMoments[i] = new float[parameters[i].Length];
            secondMoments[i] = new float[parameters[i].Length];
        }
    }

    /// <summary>The hyper-parameters given at construction (<see cref="Optimizer.LearningRate"/> may have changed since).</summary>
    public AdamOptions Options { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> StateNames => Names;

    /// <inheritdoc/>
    protected override void Update(ReadOnlySpan<GradientMask?> masks)
    {
        StepCount++; // PyTorch increments state["step"] before the bias corrections use it.
        var scalars = new AdamScalars(Options, LearningRate, StepCount);
        for (int i = 0; i < Parameters.Count; i++)
        {
            Parameter parameter = Parameters[i];
            AdamKernel.Update(parameter.Value, parameter.Gradient, MaskOf(masks, i), firstMoments[i], secondMoments[i], scalars);
        }
    }

    /// <inheritdoc/>
    public override void MaskState(int parameterIndex, ReadOnlySpan<float> keep)
    {
        CheckMask(parameterIndex, keep);
        TensorPrimitives.Multiply(firstMoments[parameterIndex], keep, firstMoments[parameterIndex]);
        TensorPrimitives.Multiply(secondMoments[parameterIndex], keep, secondMoments[parameterIndex]);
    }

    /// <inheritdoc/>
    protected override float[] StateBuffer(int parameterIndex, int stateIndex) =>
        stateIndex == 0 ? firstMoments[parameterIndex] : secondMoments[parameterIndex];

    /// <summary>The first moment m of parameter <paramref name="parameterIndex"/> (for tests).</summary>
    internal ReadOnlySpan<float> FirstMoment(int parameterIndex) => firstMoments[parameterIndex];

    /// <summary>The second moment v of parameter <paramref name="parameterIndex"/> (for tests).</summary>
    internal ReadOnlySpan<float> SecondMoment(int parameterIndex) => secondMoments[parameterIndex];
}
