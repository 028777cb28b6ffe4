using System.Diagnostics;
using System.Globalization;
using SurgeCollapse.Simd;
using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Ledger;
using SurgeCollapse.Simd.Training;

namespace SurgeCollapse.Cli.Experiment;

/// <summary>
/// What one run records as it trains — a metrics row per step, the dynamics' events, the information ledger — and how
/// that record is saved with a checkpoint and read back, so that a stopped run resumes with its record whole and ends
/// with the same files as a run that never stopped.
/// </summary>
internal sealed class RunRecorder
{
    /// <summary>The checkpoint metadata key of the ledger's state.</summary>
    private const string LedgerKey = "surge.ledger";

    private readonly SurgeCollapseTrainer _dynamics;
    private readonly LedgerRecorder _ledger;
    private readonly List<DynamicsEvent> _events = [];
    private readonly Stopwatch _clock = new();
    private int _savedRows, _savedEvents;

    /// <summary>A record with room for <paramref name="steps"/> steps of the run <paramref name="dynamics"/> trains on <paramref name="data"/>.</summary>
    public RunRecorder(TrainingData data, SurgeCollapseTrainer dynamics, int steps, InformationLedgerOptions ledger)
    {
        _dynamics = dynamics;
        _ledger = new LedgerRecorder(data, dynamics, ledger);
        Metrics = new RunMetrics(dynamics.Trainer.Model, steps);
    }

    public RunMetrics Metrics { get; }

    public IReadOnlyList<DynamicsEvent> Events => _events;

    public IReadOnlyList<(int Step, InformationLedgerRow Row)> Ledger => _ledger.Rows;

    /// <summary>Steps read back from a stopped run (0 for a fresh one).</summary>
    public int ResumedSteps { get; private set; }

    /// <summary>
    /// Steps trained per second in this process (resumed steps are not timed here); NaN when fewer than
    /// <see cref="TimedStepsForSpeed"/> were, too few for a speed worth averaging.
    /// </summary>
    public double StepsPerSecond => Metrics.Count - ResumedSteps >= TimedStepsForSpeed ? (Metrics.Count - ResumedSteps) / _clock.Elapsed.TotalSeconds : double.NaN;

    private const int TimedStepsForSpeed = 50;

    /// <summary>Starts or continues timing the training.</summary>
    public void StartClock() => _clock.Start();

    /// <summary>
    /// Takes step <paramref name="step"/> of <paramref name="total"/> just trained (its batch of <paramref name="rows"/>
    /// rows had loss <paramref name="loss"/>): records it, and its validation loss when one is due (every
    /// <paramref name="evaluateEvery"/> steps and at the last). Returns why the run must stop — a training or validation
    /// loss that is NaN or infinite, which is not recorded — or null.
    /// </summary>
    public string? Take(float loss, int rows, long step, long total, int evaluateEvery, Func<double> evaluate)
    {
        if (!float.IsFinite(loss))
            return string.Create(CultureInfo.InvariantCulture, $"the training loss became {loss} at step {step}; the metrics stop at step {step - 1}");
        Record(loss, rows);
        if (step % evaluateEvery == 0 || step == total)
        {
            double validation = evaluate();
            if (!double.IsFinite(validation))
                return string.Create(CultureInfo.InvariantCulture, $"the validation loss became {validation} at step {step}");
            RecordValidation(validation);
        }

        return null;
    }

    /// <summary>Records the step just taken, whose batch of <paramref name="rows"/> rows had loss <paramref name="loss"/>, and drains its events.</summary>
    private void Record(float loss, int rows)
    {
        Metrics.Record(loss, _dynamics);
        _ledger.Add(loss, rows);
        _events.AddRange(_dynamics.Events);
        _dynamics.ClearEvents();
    }

    /// <summary>Records the validation loss after the last step and the ledger's row for it.</summary>
    private void RecordValidation(double loss)
    {
        Metrics.RecordValidation(loss);
        _ledger.Evaluate(Metrics.Count);
    }

    /// <summary>
    /// Adds the steps since the last save to <paramref name="directory"/>'s metrics.csv and events.csv, then writes the
    /// checkpoint (with the ledger's state in its metadata). The files come first: they always hold at least the
    /// checkpoint's steps.
    /// </summary>
    public void Save(string directory, string checkpoint, TrainingBatches batches, IReadOnlyDictionary<string, string> metadata)
    {
        RunDirectoryWriter.Append(directory, Metrics, _savedRows, _events, _savedEvents, batches.BatchesPerEpoch);
        (_savedRows, _savedEvents) = (Metrics.Count, _events.Count);
        batches.Save(checkpoint, _dynamics, new Dictionary<string, string>(metadata) { [LedgerKey] = _ledger.ExportState() });
    }

    /// <summary>
    /// Continues the run saved in <paramref name="checkpoint"/>: restores the trainer and batches from it, then reads
    /// its steps' record back from <paramref name="directory"/> (<see cref="ReadBack"/>).
    /// </summary>
    /// <exception cref="UserInputException">The checkpoint or the files cannot be read or do not belong together.</exception>
    public void Resume(string directory, string checkpoint, TrainingBatches batches) =>
        ReadBack(directory, checkpoint, batches.Load(checkpoint, _dynamics), batches.BatchesPerEpoch);

    /// <summary>
    /// Reads the record of the steps the trainer has already taken — restored from <paramref name="checkpoint"/>, whose
    /// metadata is <paramref name="saved"/> — back from <paramref name="directory"/>, and rewrites its files to exactly them.
    /// </summary>
    /// <exception cref="UserInputException">The files cannot be read or hold fewer steps.</exception>
    public void ReadBack(string directory, string checkpoint, IReadOnlyDictionary<string, string> saved, int stepsPerEpoch)
    {
        RunRecordReader.Read(directory, _dynamics.StepCount, Metrics, _events);
        if (saved.TryGetValue(LedgerKey, out string? ledger))
            _ledger.RestoreState(ledger, $"{checkpoint}: metadata '{LedgerKey}'");
        else if (_ledger.IsKept)
            throw new UserInputException($"{checkpoint}: metadata '{LedgerKey}': missing; the information ledger of this token run cannot be continued");
        ResumedSteps = Metrics.Count;
        // Rows written after the checkpoint (and a line a crash cut short) go: the run trains those steps again.
        RunDirectoryWriter.Append(directory, Metrics, 0, _events, 0, stepsPerEpoch);
        (_savedRows, _savedEvents) = (Metrics.Count, _events.Count);
    }
}
