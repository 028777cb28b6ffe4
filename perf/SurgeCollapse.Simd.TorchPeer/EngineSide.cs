using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Kernels;
using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Noise;
using SurgeCollapse.Simd.Optimizers;
using SurgeCollapse.Simd.Sparsity;
using SurgeCollapse.Simd.Training;

namespace SurgeCollapse.Simd.TorchPeer;

/// <summary>
/// The engine's side, through its public API only, every buffer allocated here so that a call allocates nothing
/// (the harness checks). Single-threaded: <see cref="Gemm.MaxThreads"/> = 1 (set by Program) keeps every product on the caller's thread.
/// </summary>
internal sealed class EngineTraining
{
    private readonly Trainer _trainer;
    private readonly SurgeCollapseTrainer? _dynamics;
    private readonly float[] _batch, _inputs, _targets;

    /// <param name="model">The model (the torch side copies its initial parameters).</param>
    /// <param name="notebook">Run the notebook policy: collapse every 100 steps, surge every 200, entropies every step.</param>
    public EngineTraining(Mlp model, bool notebook)
    {
        _trainer = new Trainer(model, new Adam(model.Parameters, new AdamOptions { LearningRate = Workload.LearningRate }), LossKind.MeanSquaredError);
        if (notebook)
        {
            // The notebook policy with its defaults, spelled out (surge bench's TrainingStepWorkload uses the same, on cycling ar batches; this peer keeps one batch of normals, as the torch side does).
            var options = new DynamicsOptions
            {
                Policy = DynamicsPolicy.Notebook,
                Collapse = new CollapseOptions { Sparsity = Workload.Sparsity },
                Surge = new SurgeOptions { RecoveryFactor = Workload.RecoveryFactor },
                Schedule = new ScheduleOptions { CollapseEvery = Workload.CollapseEvery, SurgeEvery = Workload.SurgeEvery },
                Entropy = new Entropy.EntropyOptions { Bins = Workload.Bins },
                TrackEntropy = true,
            };
            var pool = new NoisePool(Workload.Seed, model.Parameters.Max(p => p.Length));
            _dynamics = new SurgeCollapseTrainer(_trainer, options, pool, inputSigma: 0.1, Workload.Seed);
        }

        _batch = Workload.Normals(Workload.Batch * model.InputSize, stream: 1);
        _inputs = new float[_batch.Length];
        _targets = Workload.Normals(Workload.Batch * model.OutputSize, stream: 2);
    }

    /// <summary>The batch's inputs and targets, for the torch side.</summary>
    public float[] Inputs => _batch;

    /// <inheritdoc cref="Inputs"/>
    public float[] Targets => _targets;

    /// <summary>The sum of the losses (and entropies) returned, so that nothing is dead code.</summary>
    public double Sink { get; private set; }

    /// <summary>One step on a fresh copy of the batch (the notebook policy's pump may add noise in place); returns the loss before the update.</summary>
    public float Step()
    {
        _batch.CopyTo(_inputs, 0);
        if (_dynamics is null)
        {
            float plain = _trainer.Step(_inputs, _targets, Workload.Batch);
            Sink += plain;
            return plain;
        }

        float loss = _dynamics.Step(_inputs, _targets, Workload.Batch);
        _dynamics.ClearEvents(); // drained every step so the event list never grows
        Sink += loss + _dynamics.ActivationEntropy + _dynamics.TargetEntropy.Entropy;
        return loss;
    }
}

/// <summary><see cref="Mlp.Predict"/> of the default model on a fixed number of rows into a preallocated output.</summary>
internal sealed class EnginePredict(Mlp model, float[] input)
{
    private readonly float[] _output = new float[input.Length / model.InputSize * model.OutputSize];

    public float[] Input => input;

    public float[] Output => _output;

    public void Run() => model.Predict(input, _output);
}

/// <summary>One product through the engine's public <see cref="Gemm"/> entry of its form, row-major, tightest leading dimensions, α = 1, β = 0.</summary>
internal sealed class EngineGemm
{
    private readonly GemmForm _form;
    private readonly int _m, _n, _k, _lda, _ldb;

    public EngineGemm(GemmForm form, (int M, int N, int K) shape)
    {
        _form = form;
        (_m, _n, _k) = shape;
        _lda = form == GemmForm.MultiplyTransposeA ? _m : _k;
        _ldb = form == GemmForm.MultiplyTransposeB ? _k : _n;
        A = Workload.Normals(_m * _k, stream: 4);
        B = Workload.Normals(_k * _n, stream: 5);
        C = new float[_m * _n];
    }

    /// <summary>A as stored: [m×k], or [k×m] for Aᵀ·B.</summary>
    public float[] A { get; }

    /// <summary>B as stored: [k×n], or [n×k] for A·Bᵀ.</summary>
    public float[] B { get; }

    /// <summary>The product [m×n].</summary>
    public float[] C { get; }

    public void Run()
    {
        switch (_form)
        {
            case GemmForm.Multiply:
                Gemm.Multiply(_m, _n, _k, 1f, A, _lda, B, _ldb, 0f, C, _n);
                break;
            case GemmForm.MultiplyTransposeB:
                Gemm.MultiplyTransposeB(_m, _n, _k, 1f, A, _lda, B, _ldb, 0f, C, _n);
                break;
            default:
                Gemm.MultiplyTransposeA(_m, _n, _k, 1f, A, _lda, B, _ldb, 0f, C, _n);
                break;
        }
    }
}
