using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Noise;
using SurgeCollapse.Simd.Training;

namespace SurgeCollapse.Cli.Experiment;

/// <summary>
/// The data of a run, whatever its kind (SPEC §2): vectors (<c>ar</c>, mean squared error) or tokens (<c>markov</c>,
/// <c>text</c>, cross-entropy). It says how big the model's ends are, what the loss floor is, and hands out batches.
/// </summary>
internal abstract class TrainingData
{
    /// <summary>The source's name as written in files: ar, markov or text.</summary>
    public abstract string Name { get; }

    /// <summary>Floats per input row.</summary>
    public abstract int InputSize { get; }

    /// <summary>Outputs per row: the vector's size, or the vocabulary.</summary>
    public abstract int OutputSize { get; }

    /// <summary>The loss minimised.</summary>
    public abstract LossKind Loss { get; }

    /// <summary>The lowest loss any model can reach on this data, when it is known (in the loss's own unit).</summary>
    public abstract double? LossFloor { get; }

    /// <summary>The exact entropy rate in bits per token (markov), for the information ledger; null when unknown.</summary>
    public virtual double? ExactEntropyBits => null;

    /// <summary>Training / validation sizes and what the data is, for the console.</summary>
    public abstract string Describe();

    /// <summary>The batches of one run: shuffled from <paramref name="seed"/>, inputs noised from <paramref name="noise"/>.</summary>
    public abstract TrainingBatches CreateBatches(int batchSize, double sigma, ulong seed, NormalGenerator noise);
}

/// <summary>One run's stream of training batches and its validation set.</summary>
internal abstract class TrainingBatches
{
    /// <summary>Batches per epoch.</summary>
    public abstract int BatchesPerEpoch { get; }

    /// <summary>Rows in the last batch stepped on (the last batch of an epoch may be partial).</summary>
    public int Rows { get; protected set; }

    /// <summary>Draws the next batch and takes one step on it; returns the batch's loss.</summary>
    public abstract float Step(SurgeCollapseTrainer dynamics);

    /// <summary>The validation loss of the model as it is now.</summary>
    public abstract double Evaluate(Trainer trainer);

    /// <summary>Writes a checkpoint the run can resume from bit for bit (model, masks, optimizer, dynamics, batch order, noise).</summary>
    public abstract void Save(string path, SurgeCollapseTrainer dynamics, IReadOnlyDictionary<string, string> metadata);

    /// <summary>Restores a checkpoint written by <see cref="Save"/> into this run; returns its metadata.</summary>
    public abstract IReadOnlyDictionary<string, string> Load(string path, SurgeCollapseTrainer dynamics);
}
