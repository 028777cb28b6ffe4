using System.Numerics.Tensors;

namespace SurgeCollapse.Simd.Kernels;

/// <summary>Bias forward (broadcast over the rows of a batch) and backward (column sums), side by side.</summary>
public static class Bias
{
    /// <summary>
    /// Copies <paramref name="bias"/> into each of <paramref name="rows"/> rows of <paramref name="output"/>, so that a
    /// following product with β = 1 adds <c>x·Wᵀ</c> onto it: the bias costs no pass of its own.
    /// </summary>
    public static void Broadcast(ReadOnlySpan<float> bias, Span<float> output, int rows)
    {
        CheckRows(bias.Length, output.Length, rows, nameof(output));
        for (int i = 0; i < rows; i++)
            bias.CopyTo(output.Slice(i * bias.Length, bias.Length));
    }

    /// <summary>Adds <paramref name="bias"/> to each of <paramref name="rows"/> rows of <paramref name="output"/>.</summary>
    public static void Add(ReadOnlySpan<float> bias, Span<float> output, int rows)
    {
        CheckRows(bias.Length, output.Length, rows, nameof(output));
        for (int i = 0; i < rows; i++)
        {
            Span<float> row = output.Slice(i * bias.Length, bias.Length);
            TensorPrimitives.Add(row, bias, row);
        }
    }

    /// <summary>
    /// <c>dBias[j] = Σ_i dOutput[i, j]</c>, summed in row order (a fixed association, so results repeat bit for bit).
    /// </summary>
    public static void Backward(ReadOnlySpan<float> dOutput, int rows, Span<float> dBias)
    {
        CheckRows(dBias.Length, dOutput.Length, rows, nameof(dOutput));
        dBias.Clear();
        for (int i = 0; i < rows; i++)
            TensorPrimitives.Add(dBias, dOutput.Slice(i * dBias.Length, dBias.Length), dBias);
    }

    private static void CheckRows(int width, int length, int rows, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if ((long)rows * width > length)
            throw new ArgumentException($"{name} holds {length} floats, fewer than {rows} rows of {width}", name);
    }
}
