using System.Numerics.Tensors;
using SurgeCollapse.Simd.Noise;

namespace SurgeCollapse.Simd.Training;

/// <summary>
/// What <see cref="BatchSampler"/> and <see cref="TokenBatchSampler"/> share, so that for the same options both visit
/// the samples in the same order and add the same noise: the epochs (each index exactly once, reshuffled by
/// Fisher–Yates at the start of the epoch, handed out a batch at a time) and the input noise of standard deviation σ.
/// </summary>
internal sealed class BatchSchedule
{
    private readonly int[] _order;
    private readonly float _noiseStandardDeviation;
    private readonly NormalGenerator _noise;
    private readonly float[] _lastNoise;
    private int _lastNoiseLength;
    private Xoshiro256 _random;
    private int _position;

    /// <summary>Validates the options, then shuffles the order of the first epoch of <paramref name="count"/> samples.</summary>
    /// <param name="count">The training samples.</param>
    /// <param name="inputSize">Floats per input row: the noise of a whole batch is kept (<see cref="LastNoise"/>).</param>
    /// <param name="options">Batch size, noise σ and the shuffle's seed.</param>
    /// <param name="inputNoise">The stream the input noise comes from.</param>
    /// <param name="trainingName">The sampler constructor's parameter, for error messages.</param>
    /// <exception cref="ArgumentException">The training set is empty (reported as <paramref name="trainingName"/>).</exception>
    public BatchSchedule(int count, int inputSize, BatchSamplerOptions options, NormalGenerator inputNoise, string trainingName)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inputNoise);
        options.Validate();
        if (count == 0)
            throw new ArgumentException("the training set is empty", trainingName);

        BatchSize = options.BatchSize;
        _noiseStandardDeviation = (float)options.InputNoiseStandardDeviation;
        _noise = inputNoise;
        _lastNoise = _noiseStandardDeviation > 0 ? new float[BatchSize * inputSize] : [];
        _random = new Xoshiro256(options.Seed);
        _order = new int[count];
        for (int i = 0; i < _order.Length; i++)
            _order[i] = i;
        Shuffle();
    }

    /// <summary>The default noise stream of a sampler's options: stream <see cref="RandomPurpose.InputNoise"/> of their seed.</summary>
    public static NormalGenerator DefaultNoise(BatchSamplerOptions? options) =>
        new(options?.Seed ?? 0, (ulong)RandomPurpose.InputNoise); // null options: rejected by the constructor

    /// <summary>The largest batch.</summary>
    public int BatchSize { get; }

    /// <summary>Batches per epoch: ⌈Count / BatchSize⌉, the last one possibly partial.</summary>
    public int BatchesPerEpoch => (_order.Length + BatchSize - 1) / BatchSize;

    /// <summary>The zero-based epoch of the latest batch (0 before the first).</summary>
    public int Epoch { get; private set; }

    /// <summary>How many batches have been handed out.</summary>
    public long Step { get; private set; }

    /// <summary>The number of samples an epoch visits.</summary>
    public int Count => _order.Length;

    /// <summary>σ of the input noise, as added (0: none is drawn).</summary>
    public float NoiseStandardDeviation => _noiseStandardDeviation;

    /// <summary>The stream the input noise comes from.</summary>
    public NormalGenerator Noise => _noise;

    /// <summary>A copy of where the schedule stands, for a checkpoint.</summary>
    public BatchScheduleState ExportState() => new([.. _order], _position, Epoch, Step, _random);

    /// <summary>
    /// Continues from <paramref name="state"/>, as <see cref="ExportState"/> gave it. The run checkpoint validates a
    /// state read from a file (with messages for the user) before it gets here; this only guards against bugs.
    /// </summary>
    /// <exception cref="ArgumentException">The state does not fit: another sample count, or a position or counter out of range.</exception>
    public void ImportState(BatchScheduleState state)
    {
        ArgumentNullException.ThrowIfNull(state.Order, nameof(state));
        if (state.Order.Length != _order.Length || state.Position < 0 || state.Position > _order.Length || state.Epoch < 0 || state.Step < 0)
            throw new ArgumentException($"a schedule of {_order.Length} samples cannot continue from {state.Order.Length} samples at position {state.Position}, epoch {state.Epoch}, step {state.Step}", nameof(state));
        state.Order.CopyTo(_order, 0);
        _position = state.Position;
        Epoch = state.Epoch;
        Step = state.Step;
        _random = state.Random;
        _lastNoiseLength = 0; // the last batch's noise belongs to the run before the restore
    }

    /// <summary>
    /// The sample indices of the next batch (<see cref="BatchSize"/> of them, or the remainder at the end of an epoch),
    /// valid until the next call. Starts a new, reshuffled epoch when the current one is used up.
    /// </summary>
    public ReadOnlySpan<int> Next()
    {
        if (_position == _order.Length)
        {
            Shuffle();
            _position = 0;
            Epoch++;
        }

        int rows = Math.Min(BatchSize, _order.Length - _position);
        ReadOnlySpan<int> batch = _order.AsSpan(_position, rows);
        _position += rows;
        Step++;
        return batch;
    }

    /// <summary>
    /// The standard normals z of the last batch's noise (its inputs got σ·z added), row after row; empty when σ = 0 and
    /// until the first batch.
    /// </summary>
    public ReadOnlySpan<float> LastNoise => _lastNoise.AsSpan(0, _lastNoiseLength);

    /// <summary>Adds N(0, σ²) noise to a batch's inputs (nothing when σ = 0, and then no noise is drawn).</summary>
    public void AddNoise(Span<float> inputs)
    {
        if (_noiseStandardDeviation == 0)
            return;
        // The same values and rounding as NormalGenerator.AddNormal (inputs + z·σ, not fused), kept for LastNoise.
        Span<float> noise = _lastNoise.AsSpan(0, inputs.Length);
        _noise.FillStandardNormal(noise);
        TensorPrimitives.MultiplyAdd(noise, _noiseStandardDeviation, inputs, inputs);
        _lastNoiseLength = inputs.Length;
    }

    /// <summary>Fisher–Yates: position i takes a uniform pick among positions 0..i, so every order is equally likely.</summary>
    private void Shuffle()
    {
        for (int i = _order.Length - 1; i > 0; i--)
        {
            int j = _random.NextInt32(i + 1);
            (_order[i], _order[j]) = (_order[j], _order[i]);
        }
    }
}
