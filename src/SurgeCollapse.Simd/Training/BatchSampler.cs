using SurgeCollapse.Simd.Data;
using SurgeCollapse.Simd.Noise;

namespace SurgeCollapse.Simd.Training;

/// <summary>
/// Hands out mini-batches of a training set: each epoch visits every sample exactly once, in an order reshuffled
/// at the start of the epoch (Fisher–Yates), and Gaussian noise of standard deviation σ is added to the copied
/// inputs, never to the targets nor to the dataset itself.
/// </summary>
/// <remarks>
/// The last batch of an epoch holds the remainder (Count mod BatchSize samples) rather than being dropped or padded,
/// so that every sample is seen once per epoch. A loss averaged over a batch therefore weighs those few samples a
/// little more in their step; that is the default of PyTorch's DataLoader (<c>drop_last=False</c>) too.
/// <para>
/// The shuffle and the noise use two generators, so σ (and whether noise is drawn at all) never changes the order of
/// the samples: the shuffle a <see cref="Xoshiro256"/> seeded with <see cref="BatchSamplerOptions.Seed"/>, the noise
/// a vectorised <see cref="NormalGenerator"/>, by default stream <see cref="RandomPurpose.InputNoise"/> of the same seed.
/// </para>
/// <para>
/// Nothing is allocated after construction: batches are copied into the caller's buffers.
/// </para>
/// </remarks>
public sealed class BatchSampler : EpochSampler
{
    private readonly Dataset _training;

    /// <summary>Binds the sampler to a training set and shuffles the order of the first epoch.</summary>
    /// <param name="training">The samples to iterate, at least one. Validation data should never pass through a sampler.</param>
    /// <param name="options">Batch size, noise σ and seed (validated here).</param>
    public BatchSampler(Dataset training, BatchSamplerOptions options)
        : this(training, options, BatchSchedule.DefaultNoise(options))
    {
    }

    /// <summary>As the other constructor, but drawing the input noise from <paramref name="inputNoise"/>, such as a
    /// run's <see cref="NoisePool.InputNoise"/>; <see cref="BatchSamplerOptions.Seed"/> then seeds the shuffle only.</summary>
    /// <param name="training">The samples to iterate, at least one.</param>
    /// <param name="options">Batch size, noise σ and the shuffle's seed (validated here).</param>
    /// <param name="inputNoise">The stream the input noise comes from; the sampler advances it.</param>
    public BatchSampler(Dataset training, BatchSamplerOptions options, NormalGenerator inputNoise)
        : base(training?.Count ?? throw new ArgumentNullException(nameof(training)), training.InputSize, options, inputNoise, nameof(training)) =>
        _training = training;

    /// <summary>
    /// Copies the next batch into <paramref name="inputs"/> and <paramref name="targets"/>, row after row, adds the
    /// input noise, and returns the number of rows written (<see cref="EpochSampler.BatchSize"/>, or fewer for the last batch of an
    /// epoch). Starts a new, reshuffled epoch when the current one is used up.
    /// </summary>
    /// <param name="inputs">Room for <c>[BatchSize, InputSize]</c> floats.</param>
    /// <param name="targets">Room for <c>[BatchSize, TargetSize]</c> floats.</param>
    public int NextBatch(Span<float> inputs, Span<float> targets)
    {
        int inputSize = _training.InputSize, targetSize = _training.TargetSize;
        if (inputs.Length < (long)BatchSize * inputSize)
            throw new ArgumentException($"room for {BatchSize}×{inputSize} floats is needed, got {inputs.Length}", nameof(inputs));
        if (targets.Length < (long)BatchSize * targetSize)
            throw new ArgumentException($"room for {BatchSize}×{targetSize} floats is needed, got {targets.Length}", nameof(targets));

        ReadOnlySpan<int> samples = Schedule.Next();
        int rows = samples.Length;
        for (int row = 0; row < rows; row++)
        {
            int sample = samples[row];
            _training.InputRow(sample).CopyTo(inputs.Slice(row * inputSize, inputSize));
            _training.TargetRow(sample).CopyTo(targets.Slice(row * targetSize, targetSize));
        }

        Schedule.AddNoise(inputs[..(rows * inputSize)]);
        return rows;
    }
}
