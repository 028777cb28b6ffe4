namespace SurgeCollapse.Simd.Optimizers;

/// <summary>
/// The float32 scalars of one SGD step, each computed in double from the hyper-parameters and rounded to float32
/// once, where it meets the float32 tensors (as libtorch converts a double <c>Scalar</c>).
/// </summary>
public readonly struct SgdScalars
{
    /// <summary>Computes the scalars of one step.</summary>
    /// <param name="options">The hyper-parameters; <see cref="SgdOptions.LearningRate"/> is ignored.</param>
    /// <param name="learningRate">The learning rate in effect for this step.</param>
    /// <param name="isFirstStep">True on the first step, when PyTorch starts the momentum buffer as a copy of the gradient.</param>
    public SgdScalars(SgdOptions options, double learningRate, bool isFirstStep)
    {
        ArgumentNullException.ThrowIfNull(options);
        NegativeLearningRate = (float)-learningRate;
        HasWeightDecay = options.WeightDecay != 0;
        WeightDecay = (float)options.WeightDecay;
        HasMomentum = options.Momentum != 0;
        Momentum = (float)options.Momentum;
        OneMinusDampening = (float)(1 - options.Dampening);
        Nesterov = options.Nesterov;
        IsFirstStep = isFirstStep;
    }

    /// <summary>−lr: the factor of the step direction.</summary>
    public float NegativeLearningRate { get; }

    /// <summary>True when the gradient becomes g + λ·p.</summary>
    public bool HasWeightDecay { get; }

    /// <summary>λ, the weight decay.</summary>
    public float WeightDecay { get; }

    /// <summary>True when a momentum buffer is kept.</summary>
    public bool HasMomentum { get; }

    /// <summary>μ, the momentum factor.</summary>
    public float Momentum { get; }

    /// <summary>1 − τ: the weight of the gradient in the momentum buffer after the first step.</summary>
    public float OneMinusDampening { get; }

    /// <summary>True for Nesterov momentum: step along g + μ·b.</summary>
    public bool Nesterov { get; }

    /// <summary>True on the first step: the momentum buffer is set to the gradient.</summary>
    public bool IsFirstStep { get; }
}
