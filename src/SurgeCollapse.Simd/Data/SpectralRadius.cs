using System.Numerics.Tensors;

namespace SurgeCollapse.Simd.Data;

/// <summary>
/// The spectral radius ρ(A) = max |λᵢ| of a general real square matrix, by Gelfand's formula
/// ρ(A) = lim ||A^k||^(1/k), with k = 2^40 reached by repeated squaring in double precision.
/// </summary>
/// <remarks>
/// Power iteration would be simpler but does not converge when the dominant eigenvalues are a complex pair,
/// which is the usual case for a random non-symmetric matrix.
/// <para>
/// Why it is accurate: any norm brackets the powers, c·ρ^k ≤ ||A^k|| ≤ C·κ·k^(m−1)·ρ^k (κ the eigenvector condition
/// number, m the largest Jordan block, c and C the norm's equivalence constants), so the k-th root is off by a
/// factor exp(O(ln(κ·n·k) / k)), about 1e-11 for k = 2^40. The norm used is the largest entry magnitude: it is
/// exact whatever the summation order, so the result is bit-identical on every instruction set. Each power is
/// divided by its norm so nothing overflows, and the logarithms of the divisors are accumulated, each weighted by
/// 1 / (the power it belongs to). Rounding in the first squaring perturbs A like a backward-stable eigenvalue
/// solver would (relative error about n·u times the eigenvalue's condition number); the later squarings count
/// 2^−j less.
/// </para>
/// </remarks>
internal static class SpectralRadius
{
    private const int Squarings = 40;

    /// <summary>The spectral radius of the row-major <c>[dimension, dimension]</c> <paramref name="matrix"/>.</summary>
    public static double Compute(ReadOnlySpan<double> matrix, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        if (matrix.Length != dimension * dimension)
            throw new ArgumentException($"a {dimension}×{dimension} matrix has {dimension * dimension} entries, got {matrix.Length}", nameof(matrix));

        double scale = Math.Abs(TensorPrimitives.MaxMagnitude(matrix));
        if (!double.IsFinite(scale))
            throw new ArgumentException("the matrix has a NaN or infinite entry", nameof(matrix));
        if (scale == 0)
            return 0;

        var power = new double[matrix.Length];
        var square = new double[matrix.Length];
        TensorPrimitives.Divide(matrix, scale, power);
        double logRadius = Math.Log(scale); // ln(||A^k||) / k, so far for k = 1
        double exponent = 1;
        for (int step = 0; step < Squarings; step++)
        {
            Square(power, square, dimension);
            scale = Math.Abs(TensorPrimitives.MaxMagnitude(square));
            if (scale == 0)
                return 0; // nilpotent: A^k is exactly zero
            exponent *= 2;
            logRadius += Math.Log(scale) / exponent;
            TensorPrimitives.Divide(square, scale, power);
        }

        return Math.Exp(logRadius);
    }

    /// <summary>
    /// <c>square = matrix · matrix</c>, row by row as sums of scaled rows. The multiply-add is not fused and each entry
    /// is summed in index order, so the result does not depend on the vector width.
    /// </summary>
    private static void Square(ReadOnlySpan<double> matrix, Span<double> square, int dimension)
    {
        for (int i = 0; i < dimension; i++)
        {
            ReadOnlySpan<double> row = matrix.Slice(i * dimension, dimension);
            Span<double> destination = square.Slice(i * dimension, dimension);
            TensorPrimitives.Multiply(matrix[..dimension], row[0], destination);
            for (int k = 1; k < dimension; k++)
                TensorPrimitives.MultiplyAdd(matrix.Slice(k * dimension, dimension), row[k], destination, destination);
        }
    }
}
