using SurgeCollapse.Simd.Kernels;
using SurgeCollapse.Simd.Noise;

namespace SurgeCollapse.Simd.Model;

/// <summary>
/// A multi-layer perceptron <c>[in, hidden..., out]</c> with ReLU hidden layers and a linear output layer
/// (SPEC §1). Every buffer — activations, gradients — is allocated here, once, for <see cref="MaxBatch"/> rows,
/// so forward and backward passes allocate nothing.
/// </summary>
/// <remarks>
/// Not thread-safe: forward passes write the model's own activation buffers, so concurrent calls on one instance
/// (even <see cref="Predict"/>) race. Use one instance per thread.
/// </remarks>
public sealed class Mlp
{
    private readonly DenseLayer[] _layers;
    private readonly Parameter[] _parameters;
    private readonly float[][] _dHidden; // gradient w.r.t. each hidden layer's output

    /// <summary>Creates the network with PyTorch's default initialisation drawn from <paramref name="seed"/>.</summary>
    /// <param name="sizes">Layer widths, input first: the default is <c>[128, 256, 128]</c>.</param>
    /// <param name="maxBatch">The largest batch any call will pass.</param>
    /// <param name="seed">Seeds the initial weights; the same seed gives the same network bit for bit.</param>
    public Mlp(IReadOnlyList<int> sizes, int maxBatch, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Count < 2)
            throw new ArgumentException($"an MLP needs at least an input and an output size, got {sizes.Count} sizes", nameof(sizes));
        foreach (int size in sizes)
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size, nameof(sizes));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatch);

        Sizes = [.. sizes];
        MaxBatch = maxBatch;
        _layers = new DenseLayer[sizes.Count - 1];
        _parameters = new Parameter[2 * _layers.Length];
        _dHidden = new float[_layers.Length - 1][];
        for (int l = 0; l < _layers.Length; l++)
        {
            bool hidden = l < _layers.Length - 1;
            _layers[l] = new DenseLayer(l, sizes[l], sizes[l + 1], relu: hidden, maxBatch);
            _parameters[2 * l] = _layers[l].Weight;
            _parameters[2 * l + 1] = _layers[l].Bias;
            if (hidden)
                _dHidden[l] = new float[checked(maxBatch * sizes[l + 1])];
        }

        Initialize(seed);
    }

    /// <summary>The layer widths, input first.</summary>
    public IReadOnlyList<int> Sizes { get; }

    /// <summary>The largest batch the buffers hold.</summary>
    public int MaxBatch { get; }

    /// <summary>Features per input row.</summary>
    public int InputSize => Sizes[0];

    /// <summary>Features per output row.</summary>
    public int OutputSize => Sizes[^1];

    /// <summary>The layers, input side first.</summary>
    public IReadOnlyList<DenseLayer> Layers => _layers;

    /// <summary>All parameters in PyTorch's order: <c>layers.0.weight, layers.0.bias, layers.1.weight, …</c>.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>
    /// Re-draws every weight and bias from U(−1/√fan_in, +1/√fan_in), PyTorch's <c>nn.Linear</c> default
    /// (<c>kaiming_uniform_(a=√5)</c> reduces to exactly this bound), layer by layer, weight before bias.
    /// </summary>
    public void Initialize(ulong seed)
    {
        var random = new Xoshiro256(seed, RandomPurpose.Initialization);
        foreach (DenseLayer layer in _layers)
        {
            float bound = (float)(1.0 / Math.Sqrt(layer.InputSize));
            foreach (Parameter parameter in (ReadOnlySpan<Parameter>)[layer.Weight, layer.Bias])
            {
                float[] values = parameter.Value;
                for (int i = 0; i < values.Length; i++)
                    values[i] = random.NextUniform(-bound, bound);
            }
        }
    }

    /// <summary>
    /// True when every weight and bias is finite: a run diverging in its last update has a finite loss (computed before
    /// it) but not finite parameters, and such a state must not overwrite its last good checkpoint.
    /// </summary>
    public bool HasFiniteParameters()
    {
        foreach (Parameter parameter in _parameters)
        {
            if (!double.IsFinite(Reductions.SumOfSquares(parameter.Value)))
                return false;
        }

        return true;
    }

    /// <summary>Runs the network on <paramref name="batch"/> rows and returns a view of the output, <c>[batch, out]</c>,
    /// valid until the next forward pass.</summary>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> input, int batch)
    {
        CheckBatch(input.Length, InputSize, batch, nameof(input));
        ReadOnlySpan<float> x = input[..(batch * InputSize)];
        foreach (DenseLayer layer in _layers)
        {
            layer.Forward(x, batch);
            x = layer.OutputOf(batch);
        }

        return x;
    }

    /// <summary>
    /// Backward pass after <see cref="Forward"/> on the same <paramref name="input"/>: fills every parameter's
    /// gradient from <paramref name="dOutput"/>, the gradient of the loss with respect to the output.
    /// Gradients are overwritten, so no zeroing step is needed between batches.
    /// </summary>
    public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> dOutput, int batch)
    {
        CheckBatch(input.Length, InputSize, batch, nameof(input));
        CheckBatch(dOutput.Length, OutputSize, batch, nameof(dOutput));
        ReadOnlySpan<float> gradient = dOutput[..(batch * OutputSize)];
        for (int l = _layers.Length - 1; l >= 0; l--)
        {
            DenseLayer layer = _layers[l];
            ReadOnlySpan<float> layerInput = l == 0 ? input[..(batch * InputSize)] : _layers[l - 1].OutputOf(batch);
            Span<float> dInput = l == 0 ? [] : _dHidden[l - 1].AsSpan(0, batch * layer.InputSize);
            layer.Backward(layerInput, gradient, dInput, batch);
            if (l > 0)
            {
                Activations.ReluBackward(layerInput, dInput, dInput); // through the previous layer's ReLU
                gradient = dInput;
            }
        }
    }

    /// <summary>Predicts the outputs of <c>input.Length / InputSize</c> rows (batch 1 and batch N alike) into <paramref name="output"/>.</summary>
    public void Predict(ReadOnlySpan<float> input, Span<float> output)
    {
        if (input.Length % InputSize != 0)
            throw new ArgumentException($"input holds {input.Length} floats, not a whole number of rows of {InputSize}", nameof(input));
        int rows = input.Length / InputSize;
        if (output.Length < rows * OutputSize)
            throw new ArgumentException($"output holds {output.Length} floats; {rows} rows of {OutputSize} need {rows * OutputSize}", nameof(output));
        for (int start = 0; start < rows; start += MaxBatch)
        {
            int batch = Math.Min(MaxBatch, rows - start);
            Forward(input.Slice(start * InputSize, batch * InputSize), batch)
                .CopyTo(output.Slice(start * OutputSize, batch * OutputSize));
        }
    }

    private void CheckBatch(int length, int width, int batch, string name)
    {
        if (batch < 1 || batch > MaxBatch)
            throw new ArgumentOutOfRangeException(nameof(batch), batch, $"the batch must be in [1, {MaxBatch}]");
        if (length < batch * width)
            throw new ArgumentException($"{name} holds {length} floats; {batch} rows of {width} need {batch * width}", name);
    }
}
