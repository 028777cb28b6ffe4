using CommunityToolkit.HighPerformance;

namespace SurgeCollapse.Simd.Model;

/// <summary>
/// One trainable tensor (a weight matrix or a bias vector) with its gradient, both allocated once.
/// Layout follows PyTorch: a weight is <c>[out, in]</c> row-major, a bias is <c>[out]</c>.
/// </summary>
public sealed class Parameter
{
    /// <summary>Creates a zero-filled parameter of the given shape.</summary>
    /// <param name="name">The safetensors name, e.g. <c>layers.0.weight</c>.</param>
    /// <param name="shape">The shape: <c>[out, in]</c> for a weight, <c>[out]</c> for a bias.</param>
    public Parameter(string name, params int[] shape)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length is < 1 or > 2)
            throw new ArgumentException($"a parameter has 1 or 2 dimensions, got {shape.Length}", nameof(shape));
        int length = 1;
        foreach (int dimension in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension, nameof(shape));
            length = checked(length * dimension);
        }

        Name = name;
        Shape = (int[])shape.Clone();
        Value = new float[length];
        Gradient = new float[length];
    }

    /// <summary>The tensor's name, as written in checkpoints.</summary>
    public string Name { get; }

    /// <summary>The shape, outermost dimension first.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>True for a weight matrix (2-D), false for a bias vector.</summary>
    public bool IsWeight => Shape.Count == 2;

    /// <summary>The values, row-major.</summary>
    public float[] Value { get; }

    /// <summary>The gradient of the loss with respect to <see cref="Value"/>, same layout.</summary>
    public float[] Gradient { get; }

    /// <summary>The number of elements.</summary>
    public int Length => Value.Length;

    /// <summary>The values as a <c>[rows, columns]</c> matrix view (a bias is one row), for indexing by (out, in).</summary>
    public Span2D<float> AsMatrix() => new(Value, Rows, Columns);

    /// <summary>The gradient as a <c>[rows, columns]</c> matrix view, same layout as <see cref="AsMatrix"/>.</summary>
    public Span2D<float> GradientAsMatrix() => new(Gradient, Rows, Columns);

    private int Rows => IsWeight ? Shape[0] : 1;

    private int Columns => IsWeight ? Shape[1] : Shape[0];
}
