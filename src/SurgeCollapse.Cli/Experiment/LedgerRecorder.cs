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

    private readonly List<(int Step, InformationLedgerRow Row)> _rows = [];
    private readonly List<float> _firstLosses = [];
    private InformationLedger? _ledger = data.ExactEntropyBits is { } bits ? new InformationLedger(bits, dataEntropyIsExact: true, options) : null;
    private long _tokens;
    private double _windowLoss;
    private int _windowRows;

    /// <summary>The rows so far, oldest first (empty for vector data).</summary>
    public IReadOnlyList<(int Step, InformationLedgerRow Row)> Rows => _rows;

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
        _rows.Add((step, _ledger.Row(ActiveParameters(), _tokens, _windowLoss / _windowRows)));
        (_windowLoss, _windowRows) = (0, 0);
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
