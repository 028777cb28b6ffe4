namespace SurgeCollapse.Simd.Optimizers;

/// <summary>
/// The float32 scalars of one Adam step. As in libtorch, each is computed in double from the hyper-parameters and
/// rounded to float32 once, where it meets the float32 tensors (mse_adam.json, "scalar_note").
/// </summary>
public readonly struct AdamScalars
{
    /// <summary>Computes the scalars of step <paramref name="step"/> (1 for the first update).</summary>
    /// <param name="options">The hyper-parameters; <see cref="AdamOptions.LearningRate"/> is ignored.</param>
    /// <param name="learningRate">The learning rate in effect for this step.</param>
    /// <param name="step">PyTorch's <c>state["step"]</c> after its increment: 1, 2, …</param>
    public AdamScalars(AdamOptions options, double learningRate, long step)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        double biasCorrection1 = 1 - Math.Pow(options.Beta1, step);
        double biasCorrection2 = 1 - Math.Pow(options.Beta2, step);
        Beta1 = (float)options.Beta1;
        OneMinusBeta1 = (float)(1 - options.Beta1);
        Beta2 = (float)options.Beta2;
        OneMinusBeta2 = (float)(1 - options.Beta2);
        SqrtBiasCorrection2 = (float)Math.Sqrt(biasCorrection2);
        Epsilon = (float)options.Epsilon;
        NegativeStepSize = (float)(-(learningRate / biasCorrection1));
        bool decays = options.WeightDecay != 0;
        AddsWeightDecayToGradient = decays && !options.DecoupledWeightDecay;
        ScalesParameter = decays && options.DecoupledWeightDecay;
        WeightDecay = (float)options.WeightDecay;
        ParameterScale = (float)(1 - learningRate * options.WeightDecay);
    }

    /// <summary>β₁: m is first multiplied by it.</summary>
    public float Beta1 { get; }

    /// <summary>1 − β₁: the weight of the gradient in m.</summary>
    public float OneMinusBeta1 { get; }

    /// <summary>β₂: v is first multiplied by it.</summary>
    public float Beta2 { get; }

    /// <summary>1 − β₂: the weight of the squared gradient in v.</summary>
    public float OneMinusBeta2 { get; }

    /// <summary>√(1 − β₂ᵗ): √v is divided by it.</summary>
    public float SqrtBiasCorrection2 { get; }

    /// <summary>ε, added after the division by √(1 − β₂ᵗ).</summary>
    public float Epsilon { get; }

    /// <summary>−lr / (1 − β₁ᵗ): the factor of m in the update.</summary>
    public float NegativeStepSize { get; }

    /// <summary>True for Adam's L2 penalty: the gradient becomes g + λ·p.</summary>
    public bool AddsWeightDecayToGradient { get; }

    /// <summary>True for AdamW's decoupled decay: the parameter is first multiplied by <see cref="ParameterScale"/>.</summary>
    public bool ScalesParameter { get; }

    /// <summary>λ, the weight decay.</summary>
    public float WeightDecay { get; }

    /// <summary>1 − lr·λ, AdamW's decay factor.</summary>
    public float ParameterScale { get; }
}
