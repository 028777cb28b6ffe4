using SurgeCollapse.Simd.Noise;

namespace SurgeCollapse.Simd.Training;

/// <summary>
/// What every batch sampler shares: the epochs, their shuffle and the input noise (<see cref="BatchSchedule"/>), and
/// where a run stands in them. <see cref="BatchSampler"/> (vector data) and <see cref="TokenBatchSampler"/> (token data)
/// differ only in how they write a batch.
/// </summary>
public abstract class EpochSampler
{
    /// <summary>Schedules the epochs of <paramref name="count"/> samples.</summary>
    /// <param name="count">The training samples, at least one.</param>
    /// <param name="inputSize">Floats per input row.</param>
    /// <param name="options">Batch size, noise σ and the shuffle's seed (validated here).</param>
    /// <param name="inputNoise">The stream the input noise comes from; the sampler advances it.</param>
    /// <param name="trainingName">The derived constructor's parameter, for error messages.</param>
    private protected EpochSampler(int count, int inputSize, BatchSamplerOptions options, NormalGenerator inputNoise, string trainingName) =>
        Schedule = new BatchSchedule(count, inputSize, options, inputNoise, trainingName);

    /// <summary>The largest batch: the buffers given to <c>NextBatch</c> hold this many rows.</summary>
    public int BatchSize => Schedule.BatchSize;

    /// <summary>Batches per epoch: ⌈Count / BatchSize⌉, the last one possibly partial.</summary>
    public int BatchesPerEpoch => Schedule.BatchesPerEpoch;

    /// <summary>The zero-based epoch of the latest batch (0 before the first).</summary>
    public int Epoch => Schedule.Epoch;

    /// <summary>How many batches have been handed out since construction, counting those of the run a checkpoint restored.</summary>
    public long Step => Schedule.Step;

    /// <summary>
    /// The standard normals z of the last batch's input noise — its inputs got σ·z added — row after row; empty when
    /// σ = 0 and until the first batch. Pass them to <c>SurgeCollapseTrainer.Step</c>, whose entropy pump then scales
    /// this noise up instead of drawing its own.
    /// </summary>
    public ReadOnlySpan<float> LastInputNoise => Schedule.LastNoise;

    /// <summary>The epochs and the noise, whose state a run checkpoint saves and restores.</summary>
    internal BatchSchedule Schedule { get; }
}
