using System.Globalization;
using SurgeCollapse.Simd;
using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Ledger;
using SurgeCollapse.Simd.Sparsity;
using SurgeCollapse.Simd.Training;

namespace SurgeCollapse.Cli.Experiment;

/// <summary>
/// The information ledger of a token run (SPEC §9), one row per evaluation: N from the active parameters, D the tokens
/// predicted so far, H the data's entropy (exact for markov; for text the mean loss of the first batches, an
/// estimate), L the mean training loss since the last evaluation. Vector data has no ledger: no rows.
/// </summary>
internal sealed class LedgerRecorder(TrainingData data, SurgeCollapseTrainer dynamics, InformationLedgerOptions options)
{
    /// <summary>Batches whose mean training loss estimates the entropy of text data, as the paper proposes.</summary>
    private const int EstimateBatches = 10;

    /// <summary>What each row was computed from, so that a resumed run rebuilds the same rows.</summary>
    private readonly List<(int Step, long Active, long Tokens, double MeanLoss)> _evaluations = [];
    private readonly List<float> _firstLosses = [];
    private InformationLedger? _ledger = data.ExactEntropyBits is { } bits ? new InformationLedger(bits, dataEntropyIsExact: true, options) : null;
    private long _tokens;
    private double _windowLoss;
    private int _windowRows;

    /// <summary>True for token data, whose runs keep a ledger.</summary>
    public bool IsKept => data.Loss == LossKind.CrossEntropy;

    /// <summary>The rows so far, oldest first (empty for vector data).</summary>
    public IReadOnlyList<(int Step, InformationLedgerRow Row)> Rows =>
        _ledger is null ? [] : [.. _evaluations.Select(e => (e.Step, _ledger.Row(e.Active, e.Tokens, e.MeanLoss)))];

    /// <summary>Takes one training step's mean loss over its rows.</summary>
    public void Add(float loss, int rows)
    {
        if (data.Loss != LossKind.CrossEntropy)
            return;
        _tokens += rows;
        _windowLoss += (double)loss * rows;
        _windowRows += rows;
        if (_ledger is null && _firstLosses.Count < EstimateBatches)
        {
            _firstLosses.Add(loss);
            if (_firstLosses.Count == EstimateBatches)
                _ledger = InformationLedger.FromInitialLosses([.. _firstLosses], options);
        }
    }

    /// <summary>Writes the row of an evaluation at <paramref name="step"/> and starts a new loss window.</summary>
    public void Evaluate(int step)
    {
        if (_ledger is null || _windowRows == 0)
            return;
        _evaluations.Add((step, ActiveParameters(), _tokens, _windowLoss / _windowRows));
        (_windowLoss, _windowRows) = (0, 0);
    }

    /// <summary>The recorder's state as one line of text, for a checkpoint's metadata.</summary>
    public string ExportState()
    {
        CultureInfo invariant = CultureInfo.InvariantCulture;
        string window = string.Create(invariant, $"{_tokens} {_windowLoss:R} {_windowRows}");
        string firstLosses = string.Join(' ', _firstLosses.Select(l => l.ToString("R", invariant)));
        string evaluations = string.Join(' ', _evaluations.Select(e => string.Create(invariant, $"{e.Step}:{e.Active}:{e.Tokens}:{e.MeanLoss:R}")));
        return $"{window} | {firstLosses} | {evaluations}";
    }

    /// <summary>Restores a state written by <see cref="ExportState"/>; <paramref name="source"/> names where it came from.</summary>
    /// <exception cref="UserInputException">The text is not such a state.</exception>
    public void RestoreState(string text, string source)
    {
        try
        {
            string[] parts = text.Split('|', StringSplitOptions.TrimEntries);
            string[] window = parts[0].Split(' ');
            (_tokens, _windowLoss, _windowRows) = (long.Parse(window[0], CultureInfo.InvariantCulture),
                double.Parse(window[1], CultureInfo.InvariantCulture), int.Parse(window[2], CultureInfo.InvariantCulture));
            _firstLosses.Clear();
            // Through Add with no rows: the window is restored above, and text data's ledger is built at the tenth loss.
            foreach (string loss in parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                Add(float.Parse(loss, CultureInfo.InvariantCulture), 0);
            _evaluations.Clear();
            foreach (string evaluation in parts[2].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] fields = evaluation.Split(':');
                _evaluations.Add((int.Parse(fields[0], CultureInfo.InvariantCulture), long.Parse(fields[1], CultureInfo.InvariantCulture),
                    long.Parse(fields[2], CultureInfo.InvariantCulture), double.Parse(fields[3], CultureInfo.InvariantCulture)));
            }
        }
        catch (Exception error) when (error is FormatException or OverflowException or IndexOutOfRangeException)
        {
            throw new UserInputException($"{source}: expected the information ledger's state, got '{(text.Length > 60 ? text[..60] + "…" : text)}'", error);
        }
    }

    private long ActiveParameters()
    {
        IReadOnlyList<Simd.Model.Parameter> parameters = dynamics.Trainer.Model.Parameters;
        long active = parameters.Sum(p => (long)p.Length);
        if (dynamics.Masks is SparsityMasks masks)
        {
            for (int i = 0; i < parameters.Count; i++)
            {
                if (masks.IsMasked(i))
                    active -= (long)Math.Round(masks.SparsityOf(i) * parameters[i].Length);
            }
        }

        return active;
    }
}
