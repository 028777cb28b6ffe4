using SurgeCollapse.Simd.Data;
using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Noise;
using SurgeCollapse.Simd.Optimizers;
using SurgeCollapse.Simd.Training;

namespace SurgeCollapse.Simd.Tests.Dynamics;

/// <summary>One run of the default experiment's set-up (SPEC §1–§2): ar data, [128, 256, 128], Adam, batch 64, one seed.</summary>
internal sealed class DynamicsRun
{
    /// <param name="options">The policy.</param>
    /// <param name="sigma">The input noise σ.</param>
    /// <param name="seed">The run's seed: data (unless given), model, noise, shuffle and surge.</param>
    /// <param name="data">Data to share with another run (a resumed run needs the saved run's data); null: made from the seed.</param>
    public DynamicsRun(DynamicsOptions options, double sigma = 0.1, ulong seed = 42, ArDataSource? data = null)
    {
        Data = data ?? new ArDataSource(new ArDataOptions { Seed = seed });
        Model = new Mlp([128, 256, 128], maxBatch: 64, seed);
        Optimizer = new Adam(Model.Parameters);
        Plain = new Trainer(Model, Optimizer, LossKind.MeanSquaredError);
        Pool = new NoisePool(seed, Model.Parameters.Max(p => p.Length));
        Sampler = new BatchSampler(Data.Training, new BatchSamplerOptions { InputNoiseStandardDeviation = sigma, Seed = seed }, Pool.InputNoise);
        Trainer = new SurgeCollapseTrainer(Plain, options, Pool, sigma, seed);
    }

    public ArDataSource Data { get; }

    public NoisePool Pool { get; }

    public Mlp Model { get; }

    public Adam Optimizer { get; }

    public Trainer Plain { get; }

    public BatchSampler Sampler { get; }

    public SurgeCollapseTrainer Trainer { get; }

    public float[] Inputs { get; } = new float[64 * 128];

    public float[] Targets { get; } = new float[64 * 128];

    public int Rows { get; private set; }

    /// <summary>Draws the next batch into <see cref="Inputs"/> and <see cref="Targets"/>.</summary>
    public void NextBatch() => Rows = Sampler.NextBatch(Inputs, Targets);

    /// <summary>One step of the dynamics trainer on the next batch, given the batch's noise as a run gives it.</summary>
    public float Step()
    {
        NextBatch();
        return Trainer.Step(Inputs, Targets, Rows, Sampler.LastInputNoise);
    }

    public void Steps(int count)
    {
        for (int i = 0; i < count; i++)
            Step();
    }
}
