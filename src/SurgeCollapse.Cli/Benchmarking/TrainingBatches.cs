using SurgeCollapse.Simd.Data;
using SurgeCollapse.Simd.Training;

namespace SurgeCollapse.Cli.Benchmarking;

/// <summary>
/// The batches the training steps cycle through: <see cref="Count"/> batches of the default ar data with input noise
/// σ = 0.1 and the normals of that noise, as a run's sampler gives them (the pump scales the normals). One fixed batch
/// would not do: a network trained on it for 10⁵ steps degenerates, and its step time drifts by 20 % in phases.
/// </summary>
internal sealed class TrainingBatches
{
    /// <summary>Distinct batches (6 MiB in all, as a run's data exceeds the caches too).</summary>
    public const int Count = 64;

    /// <summary>The input noise σ of the batches.</summary>
    public const double InputSigma = 0.1;

    private readonly float[][] _inputs = new float[Count][], _targets = new float[Count][], _noise = new float[Count][];

    /// <summary>Draws the batches from the seeded default ar data.</summary>
    public TrainingBatches()
    {
        Dataset data = new ArDataSource(new ArDataOptions { Seed = DefaultWorkload.Seed }).Training;
        var sampler = new BatchSampler(data, new BatchSamplerOptions
        {
            BatchSize = DefaultWorkload.Batch, InputNoiseStandardDeviation = InputSigma, Seed = DefaultWorkload.Seed,
        });
        if (data.Count < DefaultWorkload.Batch)
            throw new InvalidOperationException($"the ar data holds {data.Count} training rows; a batch needs {DefaultWorkload.Batch}");
        for (int i = 0; i < Count; i++)
        {
            (_inputs[i], _targets[i]) = (new float[DefaultWorkload.Batch * data.InputSize], new float[DefaultWorkload.Batch * data.TargetSize]);
            // The last batch of an epoch is short; skip it so every step sees a whole batch.
            while (sampler.NextBatch(_inputs[i], _targets[i]) != DefaultWorkload.Batch)
            {
            }

            _noise[i] = sampler.LastInputNoise.ToArray();
        }
    }

    /// <summary>The noisy inputs of batch <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Inputs(int index) => _inputs[index];

    /// <summary>The targets of batch <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Targets(int index) => _targets[index];

    /// <summary>The standard normals the sampler added to batch <paramref name="index"/> as σ·z.</summary>
    public ReadOnlySpan<float> Noise(int index) => _noise[index];
}
