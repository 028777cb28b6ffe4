using FsCheck;
using FsCheck.Xunit;
using SurgeCollapse.Simd.Data;
using SurgeCollapse.Simd.Noise;
using SurgeCollapse.Simd.Tests.Reference;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Data;

public sealed class SpectralRadiusTests
{
    /// <summary>
    /// Known radii are matched by both the engine (Gelfand) and the QR oracle. Tolerance 1e-10 relative: the Gelfand
    /// root is biased by at most ln(κ·n·k)/k ≈ 3e-11 for k = 2^40 (κ up to 10^6 for these small non-normal cases,
    /// including a Jordan block whose k^(m−1) factor gives ln k / k ≈ 2.5e-11), and rounding adds a few n·u ≈ 1e-15.
    /// </summary>
    private const double KnownTolerance = 1e-10;

    [Fact]
    public void Diagonal_matrix_has_its_largest_entry_magnitude()
    {
        double[] diagonal = [0.3, -0.95, 0.5, 0.94, -0.1];
        var matrix = new double[25];
        for (int i = 0; i < 5; i++)
            matrix[i * 5 + i] = diagonal[i];
        AssertRadius(matrix, 5, 0.95);
    }

    [Fact]
    public void Scaled_rotation_blocks_have_the_largest_scale_although_their_eigenvalues_are_complex()
    {
        // Block r·R(θ) has eigenvalues r·e^(±iθ): a complex dominant pair, where power iteration would not converge.
        (double Radius, double Angle)[] blocks = [(0.3, 0.4), (0.85, 2.1), (0.6, 1.0), (0.85, 0.0001)];
        int n = 2 * blocks.Length;
        var matrix = new double[n * n];
        for (int b = 0; b < blocks.Length; b++)
        {
            (double r, double angle) = blocks[b];
            int i = 2 * b;
            matrix[i * n + i] = r * Math.Cos(angle);
            matrix[i * n + i + 1] = -r * Math.Sin(angle);
            matrix[(i + 1) * n + i] = r * Math.Sin(angle);
            matrix[(i + 1) * n + i + 1] = r * Math.Cos(angle);
        }

        AssertRadius(matrix, n, 0.85);
    }

    [Fact]
    public void Triangular_matrix_has_its_largest_diagonal_magnitude_whatever_lies_above()
    {
        const int N = 6;
        double[] diagonal = [0.2, -0.97, 0.5, 0.96, -0.3, 0.7];
        var random = new Xoshiro256(7);
        var matrix = new double[N * N];
        for (int i = 0; i < N; i++)
        {
            matrix[i * N + i] = diagonal[i];
            for (int j = i + 1; j < N; j++)
                matrix[i * N + j] = 5 * random.NextGaussian(); // strongly non-normal
        }

        AssertRadius(matrix, N, 0.97);
    }

    [Fact]
    public void Jordan_block_has_its_eigenvalue_as_radius()
    {
        // Defective: ||A^k|| grows like k·0.9^(k−1), the case where Gelfand's limit converges slowest.
        AssertRadius([0.9, 1, 0, 0.9], 2, 0.9);
    }

    [Fact]
    public void Orthogonal_matrix_times_a_scalar_has_that_scalar_as_radius()
    {
        // Every eigenvalue of c·Q lies on the circle of radius c.
        const int N = 64;
        const double Scale = 0.7;
        double[] q = RandomOrthogonal(N, seed: 11);
        for (int i = 0; i < q.Length; i++)
            q[i] *= Scale;
        AssertRadius(q, N, Scale);
    }

    [Fact]
    public void Zero_and_nilpotent_matrices_have_radius_zero()
    {
        Assert.Equal(0, SpectralRadius.Compute(new double[9], 3));
        Assert.Equal(0, SpectralRadius.Compute([0, 2, 5, 0, 0, 3, 0, 0, 0], 3));
    }

    [Fact]
    public void Bad_shapes_and_non_finite_entries_are_rejected()
    {
        Assert.Equal("matrix", Assert.Throws<ArgumentException>(() => SpectralRadius.Compute(new double[8], 3)).ParamName);
        Assert.Equal("matrix", Assert.Throws<ArgumentException>(() => SpectralRadius.Compute([1, double.NaN, 0, 1], 2)).ParamName);
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => SpectralRadius.Compute([], 0));
    }

    /// <summary>
    /// Random Gaussian matrices: the two unrelated methods agree. Tolerance 1e-9 relative: both are backward stable,
    /// so each is off by about κ(λ)·n·u (κ(λ) the dominant eigenvalue's condition number, modest for Gaussian
    /// matrices, n ≤ 60, u = 1.1e-16), and the Gelfand root adds at most ≈ 1e-11.
    /// </summary>
    [Property(MaxTest = 40)]
    public void Random_matrices_agree_with_the_QR_oracle(PositiveInt size, ulong seed)
    {
        int n = 1 + size.Get % 60;
        var random = new Xoshiro256(seed);
        var matrix = new double[n * n];
        for (int i = 0; i < matrix.Length; i++)
            matrix[i] = random.NextGaussian();
        double expected = EigenvalueOracle.SpectralRadius(matrix, n);
        double actual = SpectralRadius.Compute(matrix, n);
        Assert.True(Math.Abs(actual - expected) <= 1e-9 * expected, $"n = {n}: Gelfand {actual:R}, QR {expected:R}");
    }

    private static void AssertRadius(double[] matrix, int n, double expected)
    {
        double gelfand = SpectralRadius.Compute(matrix, n);
        double qr = EigenvalueOracle.SpectralRadius(matrix, n);
        Assert.True(Math.Abs(gelfand - expected) <= KnownTolerance * expected, $"Gelfand: {gelfand:R}, expected {expected:R}");
        Assert.True(Math.Abs(qr - expected) <= KnownTolerance * expected, $"QR oracle: {qr:R}, expected {expected:R}");
    }

    /// <summary>An orthogonal matrix from the Gram–Schmidt orthonormalisation (done twice, for accuracy) of a Gaussian one.</summary>
    private static double[] RandomOrthogonal(int n, ulong seed)
    {
        var random = new Xoshiro256(seed);
        var q = new double[n * n]; // rows are the vectors
        for (int i = 0; i < q.Length; i++)
            q[i] = random.NextGaussian();
        for (int i = 0; i < n; i++)
        {
            Span<double> row = q.AsSpan(i * n, n);
            for (int pass = 0; pass < 2; pass++)
            {
                for (int j = 0; j < i; j++)
                {
                    ReadOnlySpan<double> previous = q.AsSpan(j * n, n);
                    double dot = 0;
                    for (int k = 0; k < n; k++)
                        dot += row[k] * previous[k];
                    for (int k = 0; k < n; k++)
                        row[k] -= dot * previous[k];
                }
            }

            double norm = 0;
            for (int k = 0; k < n; k++)
                norm += row[k] * row[k];
            norm = Math.Sqrt(norm);
            for (int k = 0; k < n; k++)
                row[k] /= norm;
        }

        return q;
    }
}
