using DenseLayer = SurgeCollapse.Simd.Model.DenseLayer;
using Mlp = SurgeCollapse.Simd.Model.Mlp;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SurgeCollapse.Simd.TorchPeer;

/// <summary>
/// The default model in libtorch: Linear(128, 256), ReLU, Linear(256, 128), started from the engine model's initial
/// parameters (the engine stores weights [out×in] as PyTorch does), so both sides train the same numbers.
/// </summary>
internal sealed class TorchModel : IDisposable
{
    public TorchModel(Mlp engine)
    {
        Hidden = nn.Linear(engine.Sizes[0], engine.Sizes[1]);
        Output = nn.Linear(engine.Sizes[1], engine.Sizes[2]);
        using (no_grad())
        {
            Load(Hidden, engine.Layers[0]);
            Load(Output, engine.Layers[1]);
        }

        Parameters = [Hidden.weight!, Hidden.bias!, Output.weight!, Output.bias!];
    }

    public Linear Hidden { get; }

    public Linear Output { get; }

    /// <summary>Weights and biases in the engine's order.</summary>
    public Parameter[] Parameters { get; }

    /// <summary>The forward pass; <paramref name="hidden"/> is the post-ReLU activation.</summary>
    public Tensor Forward(Tensor input, out Tensor hidden)
    {
        hidden = F.relu(Hidden.forward(input));
        return Output.forward(hidden);
    }

    public void Dispose()
    {
        Hidden.Dispose();
        Output.Dispose();
    }

    private static void Load(Linear linear, DenseLayer layer)
    {
        using Tensor weight = tensor(layer.Weight.Value, [layer.OutputSize, layer.InputSize]);
        using Tensor bias = tensor(layer.Bias.Value, [layer.OutputSize]);
        linear.weight!.copy_(weight);
        linear.bias!.copy_(bias);
    }
}

/// <summary>
/// A training step in libtorch: forward, MSE, backward, Adam (lr 1e-3). With the notebook's dynamics, also what the
/// engine's notebook policy does: every step the 64-bin histogram entropy of the hidden activations (all values and
/// the positive part, and the zero fraction) and of the targets, as torch.histc bins them; a per-tensor
/// median-magnitude collapse of every parameter after the optimizer step when (step + 1) % 100 == 0, and a surge
/// (every exact zero re-seeded with 0.1·N(0, 1)) when (step + 1) % 200 == 0.
/// </summary>
internal sealed class TorchTraining : IDisposable
{
    private readonly TorchModel _model;
    private readonly optim.Optimizer _optimizer;
    private readonly Tensor _inputs, _targets, _sparsity;
    private readonly bool _notebook;
    private long _step;

    public TorchTraining(TorchModel model, float[] inputs, float[] targets, bool notebook)
    {
        _model = model;
        _optimizer = optim.Adam(model.Parameters, lr: Workload.LearningRate);
        _inputs = tensor(inputs, [Workload.Batch, Workload.Sizes[0]]);
        _targets = tensor(targets, [Workload.Batch, Workload.Sizes[^1]]);
        _sparsity = tensor((float)Workload.Sparsity); // quantile wants q in the input's dtype
        _notebook = notebook;
    }

    /// <summary>The sum of the losses (and entropies) read back, as the engine side keeps.</summary>
    public double Sink { get; private set; }

    /// <summary>One step; returns the loss before the update. Every temporary is freed by the step's dispose scope.</summary>
    public float Step()
    {
        using DisposeScope scope = NewDisposeScope();
        _optimizer.zero_grad();
        Tensor output = _model.Forward(_inputs, out Tensor hidden);
        Tensor loss = F.mse_loss(output, _targets);
        if (_notebook)
            Sink += MeasureEntropies(hidden);
        loss.backward();
        _optimizer.step();
        float value = loss.item<float>();
        Sink += value;

        _step++;
        if (_notebook && _step % Workload.CollapseEvery == 0)
            Collapse();
        if (_notebook && _step % Workload.SurgeEvery == 0)
            Surge();
        return value;
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _inputs.Dispose();
        _targets.Dispose();
        _sparsity.Dispose();
    }

    private double MeasureEntropies(Tensor hidden)
    {
        using var noGrad = no_grad();
        Tensor activations = hidden.detach().flatten();
        Tensor positive = activations.masked_select(activations.gt(0));
        double zeroFraction = 1.0 - (double)positive.numel() / activations.numel();
        double all = Entropy(activations), positivePart = Entropy(positive);
        double target = Entropy(_targets.flatten());
        return (all / Math.Log(Workload.Bins)) + positivePart + zeroFraction + target;
    }

    /// <summary>The histogram entropy in nats: B bins over [min, max] of the values (torch.histc's default range).</summary>
    private static double Entropy(Tensor values)
    {
        if (values.numel() == 0)
            return 0;
        Tensor counts = histc(values, Workload.Bins);
        Tensor p = counts / counts.sum();
        return -p.xlogy(p).sum().item<float>();
    }

    private void Collapse()
    {
        using var noGrad = no_grad();
        foreach (Parameter parameter in _model.Parameters)
        {
            Tensor magnitude = parameter.abs();
            Tensor threshold = quantile(magnitude.flatten(), _sparsity);
            parameter.masked_fill_(magnitude.lt(threshold), 0f);
        }
    }

    private void Surge()
    {
        using var noGrad = no_grad();
        foreach (Parameter parameter in _model.Parameters)
        {
            Tensor noise = randn_like(parameter).mul_(Workload.RecoveryFactor);
            parameter.copy_(where(parameter.eq(0), noise, parameter));
        }
    }
}

/// <summary>The forward pass on a fixed batch, as a user predicts: under no_grad (held by the caller), one dispose scope per call.</summary>
internal sealed class TorchPredict(TorchModel model, float[] input) : IDisposable
{
    private readonly Tensor _input = tensor(input, [input.Length / Workload.Sizes[0], Workload.Sizes[0]]);

    public void Run()
    {
        using DisposeScope scope = NewDisposeScope();
        model.Forward(_input, out _);
    }

    /// <summary>The prediction as an array (for the check that both sides compute the same thing; not timed).</summary>
    public float[] Result()
    {
        using DisposeScope scope = NewDisposeScope();
        using var noGrad = no_grad();
        return model.Forward(_input, out _).data<float>().ToArray();
    }

    public void Dispose() => _input.Dispose();
}

/// <summary>
/// One product in libtorch, into a preallocated C: <c>c.addmm_(a, b, beta: 0)</c> (BLAS sgemm with β = 0), the
/// transposed forms on views made once (<c>b.t()</c>, <c>a.t()</c>), so a call allocates no tensor.
/// </summary>
internal sealed class TorchGemm : IDisposable
{
    private readonly Tensor _a, _b, _c, _left, _right;

    public TorchGemm(GemmForm form, (int M, int N, int K) shape, float[] a, float[] b)
    {
        (int m, int n, int k) = shape;
        _a = form == GemmForm.MultiplyTransposeA ? tensor(a, [k, m]) : tensor(a, [m, k]);
        _b = form == GemmForm.MultiplyTransposeB ? tensor(b, [n, k]) : tensor(b, [k, n]);
        _left = form == GemmForm.MultiplyTransposeA ? _a.t() : _a.alias();
        _right = form == GemmForm.MultiplyTransposeB ? _b.t() : _b.alias();
        _c = zeros(m, n);
    }

    public Tensor C => _c;

    public void Run() => _c.addmm_(_left, _right, beta: 0, alpha: 1);

    public void Dispose()
    {
        _left.Dispose();
        _right.Dispose();
        _a.Dispose();
        _b.Dispose();
        _c.Dispose();
    }
}
