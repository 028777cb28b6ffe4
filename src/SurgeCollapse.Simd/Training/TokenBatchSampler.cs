using SurgeCollapse.Simd.Data;
using SurgeCollapse.Simd.Noise;

namespace SurgeCollapse.Simd.Training;

/// <summary>
/// <see cref="BatchSampler"/> for token data: the same epochs, shuffle and input noise, but each batch's inputs are
/// the one-hot contexts written on the fly (<see cref="TokenDataset"/>) and its targets are class indices, ready for
/// <see cref="Trainer.Step(ReadOnlySpan{float}, ReadOnlySpan{int})"/>.
/// </summary>
/// <remarks>
/// For the same seed and sample count both samplers visit the samples in the same order (they share one
/// schedule implementation) and draw the same noise, so a token run is what a <see cref="BatchSampler"/> over the
/// stored one-hot rows would give, without storing them. The noise is added to the whole one-hot row, zeros included,
/// as it is to every input of vector data. Nothing is allocated after construction.
/// </remarks>
public sealed class TokenBatchSampler : EpochSampler
{
    private readonly TokenDataset _training;

    /// <summary>Binds the sampler to a training set and shuffles the order of the first epoch.</summary>
    /// <param name="training">The samples to iterate, at least one. Validation data should never pass through a sampler.</param>
    /// <param name="options">Batch size, noise σ and seed (validated here).</param>
    public TokenBatchSampler(TokenDataset training, BatchSamplerOptions options)
        : this(training, options, BatchSchedule.DefaultNoise(options))
    {
    }

    /// <summary>As the other constructor, but drawing the input noise from <paramref name="inputNoise"/>, such as a
    /// run's <see cref="NoisePool.InputNoise"/>; <see cref="BatchSamplerOptions.Seed"/> then seeds the shuffle only.</summary>
    /// <param name="training">The samples to iterate, at least one.</param>
    /// <param name="options">Batch size, noise σ and the shuffle's seed (validated here).</param>
    /// <param name="inputNoise">The stream the input noise comes from; the sampler advances it.</param>
    public TokenBatchSampler(TokenDataset training, BatchSamplerOptions options, NormalGenerator inputNoise)
        : base(training?.Count ?? throw new ArgumentNullException(nameof(training)), training.InputSize, options, inputNoise, nameof(training)) =>
        _training = training;

    /// <summary>
    /// Writes the next batch's one-hot inputs into <paramref name="inputs"/> and its target classes into
    /// <paramref name="targets"/>, adds the input noise, and returns the number of rows written (<see cref="EpochSampler.BatchSize"/>,
    /// or fewer for the last batch of an epoch). Pass <c>targets[..rows]</c> to the trainer.
    /// </summary>
    /// <param name="inputs">Room for <c>[BatchSize, InputSize]</c> floats (<see cref="TokenDataset.InputSize"/>).</param>
    /// <param name="targets">Room for <see cref="EpochSampler.BatchSize"/> class indices.</param>
    public int NextBatch(Span<float> inputs, Span<int> targets)
    {
        int inputSize = _training.InputSize;
        if (inputs.Length < (long)BatchSize * inputSize)
            throw new ArgumentException($"room for {BatchSize}×{inputSize} floats is needed, got {inputs.Length}", nameof(inputs));
        if (targets.Length < BatchSize)
            throw new ArgumentException($"room for {BatchSize} targets is needed, got {targets.Length}", nameof(targets));

        ReadOnlySpan<int> samples = Schedule.Next();
        int rows = samples.Length;
        inputs[..(rows * inputSize)].Clear();
        ReadOnlySpan<int> allTargets = _training.Targets;
        for (int row = 0; row < rows; row++)
        {
            int sample = samples[row];
            _training.SetOnes(sample, inputs.Slice(row * inputSize, inputSize));
            targets[row] = allTargets[sample];
        }

        Schedule.AddNoise(inputs[..(rows * inputSize)]);
        return rows;
    }
}
