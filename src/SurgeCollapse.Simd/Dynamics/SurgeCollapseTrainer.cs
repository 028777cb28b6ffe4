using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using SurgeCollapse.Simd.Entropy;
using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Noise;
using SurgeCollapse.Simd.Optimizers;
using SurgeCollapse.Simd.Sparsity;
using SurgeCollapse.Simd.Training;

namespace SurgeCollapse.Simd.Dynamics;

/// <summary>
/// A training step with Surge-Collapse dynamics (SPEC §3–§6): pumped input noise, forward, loss, entropies, backward,
/// the policy's decision, masked gradients, the optimizer, then collapse, surge and pump, each recorded as an event.
/// Every buffer is allocated here, once, so a step allocates nothing (events go to a list of reserved capacity that
/// the caller drains with <see cref="ClearEvents"/>).
/// </summary>
/// <remarks>
/// Collapse and surge act after the optimizer step, as the original code's <c>if (step + 1) % 100 == 0</c> after
/// <c>optimizer.step()</c> does: the next forward pass sees the pruned network. The decision is taken before the
/// optimizer step; the optimizer masks the gradients as it reads them and leaves them whole, so the surge's gradient
/// strategy still sees the gradient at pruned positions. Not thread-safe: one instance per run.
/// </remarks>
public sealed partial class SurgeCollapseTrainer
{
    private const int ReservedEvents = 256;

    private readonly Trainer _trainer;
    private readonly NoisePool _noise;
    private readonly SparsityMasks? _masks;
    private readonly Collapse? _collapse;
    private readonly Surge? _surge;
    private readonly ActivationEntropyMeter _activationMeter;
    private readonly DenseLayer[] _hiddenLayers;
    private readonly Parameter[] _weights;
    private readonly ActivationEntropy[] _activationEntropies;
    private readonly EntropyMeter? _targetMeter;
    private readonly TokenEntropyMeter? _tokenMeter;
    private readonly List<DynamicsEvent> _events = new(ReservedEvents);
    private readonly bool _measureActivations;
    private Xoshiro256 _random;

    /// <summary>Prepares the dynamics of one run.</summary>
    /// <param name="trainer">The model, optimizer and loss.</param>
    /// <param name="options">The policy and its parameters (validated here).</param>
    /// <param name="noise">The run's noise pool: the pump and the surge draw from it (its capacity must hold the largest parameter).</param>
    /// <param name="inputSigma">The input noise σ the batch sampler adds; the pump adds on top of it.</param>
    /// <param name="seed">The run's seed, for the random choice of the <see cref="SurgeStrategy.Random"/> surge.</param>
    public SurgeCollapseTrainer(Trainer trainer, DynamicsOptions options, NoisePool noise, double inputSigma, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(noise);
        options.Validate();
        OptionCheck.FiniteNonNegative(nameof(SurgeCollapseTrainer), nameof(inputSigma), inputSigma);
        _trainer = trainer;
        _noise = noise;
        Options = options;
        BaseSigma = inputSigma;
        InputSigma = inputSigma;
        _random = new Xoshiro256(seed, RandomPurpose.Surge);

        IReadOnlyList<Parameter> parameters = trainer.Model.Parameters;
        int largest = parameters.Max(p => p.Length);
        if (options.Policy != DynamicsPolicy.Baseline)
        {
            if (noise.Capacity < largest)
                throw new ArgumentException($"the noise pool holds {noise.Capacity} values; a surge of {parameters.First(p => p.Length == largest).Name} needs {largest}", nameof(noise));
            bool notebook = options.Policy == DynamicsPolicy.Notebook;
            CollapseOptions collapse = notebook ? new() { Sparsity = options.Collapse.Sparsity, IncludeBiases = true } : options.Collapse;
            SurgeOptions surge = notebook ? new() { RecoveryFactor = options.Surge.RecoveryFactor } : options.Surge;
            _masks = new SparsityMasks(parameters, collapse.IncludeBiases);
            _collapse = new Collapse(_masks, collapse);
            _surge = new Surge(largest, surge);
        }

        if (options.Policy == DynamicsPolicy.Adaptive && !trainer.Model.Layers.Any(layer => layer.HasRelu))
            throw new ArgumentException("the adaptive policy reads the activation entropy of hidden layers; this model has none", nameof(trainer));
        if (options.Policy == DynamicsPolicy.Adaptive)
            Controller = new AdaptiveController(options.Adaptive, inputSigma);
        _measureActivations = options.TrackEntropy || Controller is not null;
        _activationMeter = new ActivationEntropyMeter(options.Entropy);
        // Arrays, not the model's IReadOnlyList views: a foreach over an interface boxes its enumerator.
        _hiddenLayers = [.. trainer.Model.Layers.Where(layer => layer.HasRelu)];
        _weights = [.. parameters.Where(p => p.IsWeight)];
        _activationEntropies = new ActivationEntropy[_hiddenLayers.Length];
        if (options.TrackEntropy && trainer.Loss == LossKind.MeanSquaredError)
            _targetMeter = new EntropyMeter(options.Entropy);
        else if (options.TrackEntropy)
            _tokenMeter = new TokenEntropyMeter(trainer.Model.OutputSize, options.Entropy);
        ActivationEntropy = double.NaN;
    }

    /// <summary>The plain trainer underneath: model, optimizer, loss.</summary>
    public Trainer Trainer => _trainer;

    /// <summary>The options.</summary>
    public DynamicsOptions Options { get; }

    /// <summary>The persistent masks of the scheduled and adaptive policies; null for baseline and notebook.</summary>
    public SparsityMasks? Masks => Options.UsesMasks ? _masks : null;

    /// <summary>The controller of the adaptive policy; null for the others.</summary>
    public AdaptiveController? Controller { get; }

    /// <summary>Steps taken.</summary>
    public long StepCount { get; private set; }

    /// <summary>The input noise σ the batch sampler adds.</summary>
    public double BaseSigma { get; }

    /// <summary>The input noise σ in effect at the last step: base plus pumped.</summary>
    public double InputSigma { get; private set; }

    /// <summary>What the policy did at the last step.</summary>
    public DynamicsAction LastAction { get; private set; }

    /// <summary>The activation entropy of each hidden layer at the last step (stale when not measured).</summary>
    public ReadOnlySpan<ActivationEntropy> ActivationEntropies => _activationEntropies;

    /// <summary>The mean over hidden layers of the normalised activation entropy at the last step; NaN when not measured.</summary>
    public double ActivationEntropy { get; private set; }

    /// <summary>The target entropy of the last batch (default when not tracked).</summary>
    public EntropyEstimate TargetEntropy { get; private set; }

    /// <summary>The events since the last <see cref="ClearEvents"/>, oldest first; valid until the next step.</summary>
    public ReadOnlySpan<DynamicsEvent> Events => CollectionsMarshal.AsSpan(_events);

    /// <summary>Forgets the events read so far; drain them regularly (every epoch) so recording never allocates.</summary>
    public void ClearEvents() => _events.Clear();

    /// <summary>
    /// One step on vector targets (mean squared error). The pump's noise is added to <paramref name="inputs"/> in place,
    /// drawn from the pump's own stream. Returns the batch's loss before the update.
    /// </summary>
    public float Step(Span<float> inputs, ReadOnlySpan<float> targets, int batch) => Step(inputs, targets, batch, default);

    /// <summary>
    /// As the other overload, with the standard normals z the sampler added to the batch as σ·z
    /// (<see cref="EpochSampler.LastInputNoise"/>): the pump then adds pumped·z, making the batch's noise (σ + pumped)·z,
    /// instead of drawing 8,192 new normals a step. Empty <paramref name="inputNoise"/>: the pump draws its own. The
    /// normals must come from a sampler whose σ is this trainer's <see cref="BaseSigma"/>, as in a run.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="inputNoise"/> is neither empty nor as long as the batch's inputs.</exception>
    public float Step(Span<float> inputs, ReadOnlySpan<float> targets, int batch, ReadOnlySpan<float> inputNoise)
    {
        AddPumpedNoise(inputs, batch, inputNoise);
        float loss = _trainer.ForwardAndLoss(inputs, targets, batch);
        if (_targetMeter is not null)
            TargetEntropy = _targetMeter.Measure(targets[..(batch * _trainer.Model.OutputSize)]);
        FinishStep(inputs, batch);
        return loss;
    }

    /// <summary>One step on token targets (cross-entropy), one class index per row; as the vector overloads.</summary>
    public float Step(Span<float> inputs, ReadOnlySpan<int> targets) => Step(inputs, targets, default);

    /// <inheritdoc cref="Step(Span{float}, ReadOnlySpan{int})"/>
    public float Step(Span<float> inputs, ReadOnlySpan<int> targets, ReadOnlySpan<float> inputNoise)
    {
        int batch = targets.Length;
        AddPumpedNoise(inputs, batch, inputNoise);
        float loss = _trainer.ForwardAndLoss(inputs, targets);
        if (_tokenMeter is not null)
            TargetEntropy = _tokenMeter.Measure(targets);
        FinishStep(inputs, batch);
        return loss;
    }

    /// <summary>
    /// The masks collapse and surge work on, for every policy but baseline: the notebook's too, which
    /// <see cref="Masks"/> hides because they do not persist (each collapse and surge rebuilds them).
    /// </summary>
    internal SparsityMasks? WorkingMasks => _masks;

    /// <summary>The run's noise pool, whose streams a run checkpoint saves.</summary>
    internal NoisePool Noise => _noise;

    /// <summary>A copy of the trainer's own state, for a checkpoint.</summary>
    internal SurgeCollapseTrainerState ExportState() => new(StepCount, InputSigma, LastAction, _random);

    /// <summary>Continues from <paramref name="state"/>, as <see cref="ExportState"/> gave it (the run checkpoint validates it).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The step count is negative or σ is negative or not finite.</exception>
    internal void ImportState(SurgeCollapseTrainerState state)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(state.StepCount, nameof(state));
        OptionCheck.FiniteNonNegative(nameof(SurgeCollapseTrainer), nameof(state.InputSigma), state.InputSigma);
        (StepCount, InputSigma, LastAction, _random) = (state.StepCount, state.InputSigma, state.LastAction, state.Random);
    }

    /// <summary>The fraction of the entries of parameter <paramref name="index"/> that are exactly zero.</summary>
    public double SparsityOf(int index)
    {
        float[] values = _trainer.Model.Parameters[index].Value;
        return values.Length == 0 ? 0 : (double)Kernels.Reductions.CountZeros(values) / values.Length;
    }

    /// <summary>The fraction of all weight-matrix entries that are exactly zero (pruned, for the masked policies).</summary>
    public double Sparsity()
    {
        long zeros = 0, total = 0;
        foreach (Parameter parameter in _weights)
        {
            zeros += Kernels.Reductions.CountZeros(parameter.Value);
            total += parameter.Length;
        }

        return total == 0 ? 0 : (double)zeros / total;
    }

    private void AddPumpedNoise(Span<float> inputs, int batch, ReadOnlySpan<float> inputNoise)
    {
        int inputSize = _trainer.Model.InputSize, length = batch * inputSize;
        if (batch < 1 || batch > _trainer.Model.MaxBatch)
            throw new ArgumentOutOfRangeException(nameof(batch), batch, $"the batch must be in [1, {_trainer.Model.MaxBatch}]");
        if (inputs.Length < length)
            throw new ArgumentException($"inputs hold {inputs.Length} floats; {batch} rows of {inputSize} need {length}", nameof(inputs));
        if (!inputNoise.IsEmpty && inputNoise.Length != length)
            throw new ArgumentException($"the input noise holds {inputNoise.Length} normals; {batch} rows of {inputSize} need {length}", nameof(inputNoise));
        InputSigma = Controller?.InputSigma ?? BaseSigma;
        double pumped = InputSigma - BaseSigma;
        if (pumped <= 0)
            return;
        if (BaseSigma > 0 && !inputNoise.IsEmpty)
            TensorPrimitives.MultiplyAdd(inputNoise, (float)pumped, inputs[..length], inputs[..length]); // σ·z + pumped·z
        else // independent noises add in variance: this tops σ up to σ + pumped rather than to √(σ² + pumped²)
            _noise.EntropyPump.AddNormal(inputs[..length], (float)Math.Sqrt(InputSigma * InputSigma - BaseSigma * BaseSigma));
    }

    private void FinishStep(ReadOnlySpan<float> inputs, int batch)
    {
        if (_measureActivations)
            MeasureActivations(batch);
        _trainer.Backward(inputs, batch);

        long step = StepCount;
        DynamicsAction action = Options.Policy switch
        {
            DynamicsPolicy.Notebook or DynamicsPolicy.Scheduled => Options.Schedule.At(step),
            DynamicsPolicy.Adaptive => Controller!.Observe(step, ActivationEntropy),
            _ => DynamicsAction.None,
        };

        _trainer.Optimizer.Step(Options.UsesMasks ? _masks!.GradientMasks() : []);
        StepCount++;
        LastAction = action;
        Act(action);
    }

    private void MeasureActivations(int batch)
    {
        double sum = 0;
        for (int l = 0; l < _hiddenLayers.Length; l++)
        {
            _activationEntropies[l] = _activationMeter.Measure(_hiddenLayers[l].OutputOf(batch));
            sum += _activationEntropies[l].All.Normalized;
        }

        ActivationEntropy = _hiddenLayers.Length > 0 ? sum / _hiddenLayers.Length : double.NaN;
    }
}
