namespace SurgeCollapse.Simd.Tests.Reference;

/// <summary>
/// Eigenvalues of a general real matrix by the textbook route, independent of the engine's Gelfand method:
/// Householder reduction to upper Hessenberg form, then Francis double-shift QR iterations (the EISPACK
/// orthes/hqr pair as published in the public-domain JAMA library, without eigenvectors).
/// </summary>
internal static class EigenvalueOracle
{
    /// <summary>max |λ| over the eigenvalues of the row-major n×n matrix.</summary>
    public static double SpectralRadius(ReadOnlySpan<double> matrix, int n)
    {
        (double[] real, double[] imaginary) = Eigenvalues(matrix, n);
        double radius = 0;
        for (int i = 0; i < n; i++)
            radius = Math.Max(radius, Math.Sqrt(real[i] * real[i] + imaginary[i] * imaginary[i]));
        return radius;
    }

    public static (double[] Real, double[] Imaginary) Eigenvalues(ReadOnlySpan<double> matrix, int n)
    {
        var h = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
                h[i, j] = matrix[i * n + j];
        }

        ReduceToHessenberg(h, n);
        var real = new double[n];
        var imaginary = new double[n];
        HessenbergQr(h, n, real, imaginary);
        return (real, imaginary);
    }

    private static void ReduceToHessenberg(double[,] h, int n)
    {
        var u = new double[n];
        for (int m = 1; m < n - 1; m++)
        {
            double scale = 0;
            for (int i = m; i < n; i++)
                scale += Math.Abs(h[i, m - 1]);
            if (scale == 0)
                continue;

            // Householder vector u that maps column m−1 below the diagonal onto a multiple of e_m.
            double norm2 = 0;
            for (int i = n - 1; i >= m; i--)
            {
                u[i] = h[i, m - 1] / scale;
                norm2 += u[i] * u[i];
            }

            double g = u[m] > 0 ? -Math.Sqrt(norm2) : Math.Sqrt(norm2);
            norm2 -= u[m] * g;
            u[m] -= g;

            // H = (I − u·uᵀ/norm2)·H·(I − u·uᵀ/norm2)
            for (int j = m; j < n; j++)
            {
                double f = 0;
                for (int i = n - 1; i >= m; i--)
                    f += u[i] * h[i, j];
                f /= norm2;
                for (int i = m; i < n; i++)
                    h[i, j] -= f * u[i];
            }

            for (int i = 0; i < n; i++)
            {
                double f = 0;
                for (int j = n - 1; j >= m; j--)
                    f += u[j] * h[i, j];
                f /= norm2;
                for (int j = m; j < n; j++)
                    h[i, j] -= f * u[j];
            }

            h[m, m - 1] = scale * g;
            for (int i = m + 1; i < n; i++)
                h[i, m - 1] = 0;
        }
    }

    private static void HessenbergQr(double[,] h, int size, double[] real, double[] imaginary)
    {
        double eps = Math.Pow(2, -52), shiftSum = 0, norm = 0;
        double p = 0, q = 0, r = 0, s, z, w, x, y;
        for (int i = 0; i < size; i++)
        {
            for (int j = Math.Max(i - 1, 0); j < size; j++)
                norm += Math.Abs(h[i, j]);
        }

        int n = size - 1, iteration = 0;
        while (n >= 0)
        {
            // Find the lowest negligible sub-diagonal entry: rows l..n form an unreduced block.
            int l = n;
            while (l > 0)
            {
                s = Math.Abs(h[l - 1, l - 1]) + Math.Abs(h[l, l]);
                if (s == 0)
                    s = norm;
                if (Math.Abs(h[l, l - 1]) < eps * s)
                    break;
                l--;
            }

            if (l == n)
            {
                // One real eigenvalue deflated.
                real[n] = h[n, n] + shiftSum;
                imaginary[n] = 0;
                n--;
                iteration = 0;
            }
            else if (l == n - 1)
            {
                // A 2×2 block deflated: its two eigenvalues, real or a complex pair.
                w = h[n, n - 1] * h[n - 1, n];
                p = (h[n - 1, n - 1] - h[n, n]) / 2;
                q = p * p + w;
                z = Math.Sqrt(Math.Abs(q));
                x = h[n, n] + shiftSum;
                if (q >= 0)
                {
                    z = p >= 0 ? p + z : p - z;
                    real[n - 1] = x + z;
                    real[n] = z != 0 ? x - w / z : x + z;
                    imaginary[n - 1] = imaginary[n] = 0;
                }
                else
                {
                    real[n - 1] = real[n] = x + p;
                    imaginary[n - 1] = z;
                    imaginary[n] = -z;
                }

                n -= 2;
                iteration = 0;
            }
            else
            {
                if (++iteration > 1000)
                    throw new InvalidOperationException("QR iteration did not converge");
                x = h[n, n];
                y = h[n - 1, n - 1];
                w = h[n, n - 1] * h[n - 1, n];
                if (iteration == 10)
                {
                    // Wilkinson's exceptional shift, against cycling.
                    shiftSum += x;
                    for (int i = 0; i <= n; i++)
                        h[i, i] -= x;
                    s = Math.Abs(h[n, n - 1]) + Math.Abs(h[n - 1, n - 2]);
                    x = y = 0.75 * s;
                    w = -0.4375 * s * s;
                }

                if (iteration == 30)
                {
                    // MATLAB's exceptional shift.
                    s = (y - x) / 2;
                    s = s * s + w;
                    if (s > 0)
                    {
                        s = Math.Sqrt(s);
                        if (y < x)
                            s = -s;
                        s = x - w / ((y - x) / 2 + s);
                        for (int i = 0; i <= n; i++)
                            h[i, i] -= s;
                        shiftSum += s;
                        x = y = w = 0.964;
                    }
                }

                // Look for two consecutive small sub-diagonal entries to start the bulge at.
                int m = n - 2;
                while (m >= l)
                {
                    z = h[m, m];
                    r = x - z;
                    s = y - z;
                    p = (r * s - w) / h[m + 1, m] + h[m, m + 1];
                    q = h[m + 1, m + 1] - z - r - s;
                    r = h[m + 2, m + 1];
                    s = Math.Abs(p) + Math.Abs(q) + Math.Abs(r);
                    p /= s;
                    q /= s;
                    r /= s;
                    if (m == l)
                        break;
                    if (Math.Abs(h[m, m - 1]) * (Math.Abs(q) + Math.Abs(r)) <
                        eps * (Math.Abs(p) * (Math.Abs(h[m - 1, m - 1]) + Math.Abs(z) + Math.Abs(h[m + 1, m + 1]))))
                        break;
                    m--;
                }

                for (int i = m + 2; i <= n; i++)
                {
                    h[i, i - 2] = 0;
                    if (i > m + 2)
                        h[i, i - 3] = 0;
                }

                // Double QR step on rows l..n, chasing the bulge down with 3×3 Householder reflections.
                for (int k = m; k <= n - 1; k++)
                {
                    bool notLast = k != n - 1;
                    if (k != m)
                    {
                        p = h[k, k - 1];
                        q = h[k + 1, k - 1];
                        r = notLast ? h[k + 2, k - 1] : 0;
                        x = Math.Abs(p) + Math.Abs(q) + Math.Abs(r);
                        if (x == 0)
                            continue;
                        p /= x;
                        q /= x;
                        r /= x;
                    }

                    s = Math.Sqrt(p * p + q * q + r * r);
                    if (p < 0)
                        s = -s;
                    if (s == 0)
                        continue;
                    if (k != m)
                        h[k, k - 1] = -s * x;
                    else if (l != m)
                        h[k, k - 1] = -h[k, k - 1];
                    p += s;
                    x = p / s;
                    y = q / s;
                    z = r / s;
                    q /= p;
                    r /= p;

                    for (int j = k; j < size; j++)
                    {
                        p = h[k, j] + q * h[k + 1, j];
                        if (notLast)
                        {
                            p += r * h[k + 2, j];
                            h[k + 2, j] -= p * z;
                        }

                        h[k, j] -= p * x;
                        h[k + 1, j] -= p * y;
                    }

                    for (int i = 0; i <= Math.Min(n, k + 3); i++)
                    {
                        p = x * h[i, k] + y * h[i, k + 1];
                        if (notLast)
                        {
                            p += z * h[i, k + 2];
                            h[i, k + 2] -= p * r;
                        }

                        h[i, k] -= p;
                        h[i, k + 1] -= p * q;
                    }
                }
            }
        }
    }
}
