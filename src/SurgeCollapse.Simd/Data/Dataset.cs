namespace SurgeCollapse.Simd.Data;

/// <summary>
/// An in-memory supervised dataset: <see cref="Count"/> samples, each an input row of <see cref="InputSize"/>
/// floats and a target row of <see cref="TargetSize"/> floats, stored row-major as <c>[Count, InputSize]</c> and
/// <c>[Count, TargetSize]</c>. Read-only: training-time changes (input noise) are made on copies of the rows.
/// </summary>
public sealed class Dataset
{
    private readonly ReadOnlyMemory<float> _inputs;
    private readonly ReadOnlyMemory<float> _targets;

    /// <summary>Creates a dataset from a copy of the given rows.</summary>
    /// <param name="inputs">The inputs, <c>[count, inputSize]</c> row-major.</param>
    /// <param name="targets">The targets, <c>[count, targetSize]</c> row-major, same count as the inputs.</param>
    /// <param name="inputSize">Floats per input row, at least 1.</param>
    /// <param name="targetSize">Floats per target row, at least 1.</param>
    public Dataset(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int inputSize, int targetSize)
        : this(inputs.ToArray().AsMemory(), targets.ToArray().AsMemory(), inputSize, targetSize)
    {
    }

    /// <summary>Wraps memory without copying: for sources that build their rows once and never change them.</summary>
    internal Dataset(ReadOnlyMemory<float> inputs, ReadOnlyMemory<float> targets, int inputSize, int targetSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetSize);
        if (inputs.Length % inputSize != 0)
            throw new ArgumentException($"the input length {inputs.Length} is not a multiple of the input size {inputSize}", nameof(inputs));
        int count = inputs.Length / inputSize;
        if (targets.Length != (long)count * targetSize)
            throw new ArgumentException($"{count} samples of target size {targetSize} need {(long)count * targetSize} floats, got {targets.Length}", nameof(targets));

        _inputs = inputs;
        _targets = targets;
        InputSize = inputSize;
        TargetSize = targetSize;
        Count = count;
    }

    /// <summary>The number of samples.</summary>
    public int Count { get; }

    /// <summary>Floats per input row.</summary>
    public int InputSize { get; }

    /// <summary>Floats per target row.</summary>
    public int TargetSize { get; }

    /// <summary>All inputs, <c>[Count, InputSize]</c> row-major.</summary>
    public ReadOnlySpan<float> Inputs => _inputs.Span;

    /// <summary>All targets, <c>[Count, TargetSize]</c> row-major.</summary>
    public ReadOnlySpan<float> Targets => _targets.Span;

    /// <summary>The input row of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> InputRow(int index) => Inputs.Slice(index * InputSize, InputSize);

    /// <summary>The target row of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> TargetRow(int index) => Targets.Slice(index * TargetSize, TargetSize);

    /// <summary>The samples <c>[start, start + count)</c> as a dataset sharing this one's memory (no copy).</summary>
    public Dataset Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count - start, nameof(count));
        return new Dataset(
            _inputs.Slice(start * InputSize, count * InputSize),
            _targets.Slice(start * TargetSize, count * TargetSize),
            InputSize,
            TargetSize);
    }

    /// <summary>
    /// Splits into a training part (the first samples) and a validation part (the last
    /// round(<see cref="Count"/> · <paramref name="validationFraction"/>) samples), keeping the order. Both share
    /// this dataset's memory.
    /// </summary>
    /// <remarks>
    /// The split is by position, not random, because samples drawn from one time series overlap (the target of
    /// sample t is the input of sample t + 1): a random split would put neighbours of every validation sample into
    /// training, and validation would measure interpolation instead of prediction on unseen data.
    /// </remarks>
    /// <param name="validationFraction">The share of samples held out, in [0, 1); 0.1 by default.</param>
    public (Dataset Training, Dataset Validation) Split(double validationFraction = 0.1)
    {
        if (!(validationFraction is >= 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "the validation fraction must be in [0, 1)");
        int validationCount = ValidationCount(Count, validationFraction);
        int trainingCount = Count - validationCount;
        return (Slice(0, trainingCount), Slice(trainingCount, validationCount));
    }

    /// <summary>
    /// The check of an options record's <c>ValidationFraction</c>: in [0, 1), and leaving at least one of
    /// <paramref name="samples"/> samples for training.
    /// </summary>
    internal static void CheckValidationFraction(string record, double validationFraction, int samples) =>
        OptionCheck.Range(validationFraction is >= 0 and < 1 && ValidationCount(samples, validationFraction) < samples,
            record, "ValidationFraction", validationFraction, $"[0, 1), leaving at least one of the {samples} samples for training");

    /// <summary>How many of <paramref name="count"/> samples <see cref="Split"/> holds out.</summary>
    internal static int ValidationCount(int count, double validationFraction) =>
        (int)Math.Round(count * validationFraction, MidpointRounding.AwayFromZero);
}
