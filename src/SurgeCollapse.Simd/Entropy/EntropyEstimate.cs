using System.Numerics.Tensors;

namespace SurgeCollapse.Simd.Entropy;

/// <summary>
/// An entropy together with what it was measured over — the unit, the number of bins B and of values N — since SPEC §5
/// writes them next to every entropy reported.
/// </summary>
/// <param name="EntropyNats">H = −Σ p_i ln p_i over the bin frequencies p_i, in nats, plus the Miller–Madow correction when on.</param>
/// <param name="Unit">The unit of <see cref="Entropy"/>.</param>
/// <param name="Bins">The number of bins B (for tokens: the vocabulary size).</param>
/// <param name="Count">The number of values counted, N.</param>
/// <param name="NonEmptyBins">The number of bins holding at least one value, m.</param>
/// <param name="MillerMadow">Whether <paramref name="EntropyNats"/> includes the correction (m − 1) / (2N).</param>
public readonly record struct EntropyEstimate(double EntropyNats, EntropyUnit Unit, int Bins, long Count, int NonEmptyBins, bool MillerMadow)
{
    private const double Ln2 = 0.693147180559945309417232121458176568;

    /// <summary>The entropy in <see cref="Unit"/>: <see cref="EntropyNats"/>, or <see cref="EntropyNats"/> / ln 2 in bits.</summary>
    public double Entropy => Unit == EntropyUnit.Bits ? EntropyNats / Ln2 : EntropyNats;

    /// <summary>
    /// h = H / ln B: 0 when every value is in one bin, 1 when they are spread evenly over all B (0 when B = 1). The
    /// Miller–Madow correction can lift it above 1 by at most (B − 1) / (2N ln B).
    /// </summary>
    public double Normalized => Bins > 1 ? EntropyNats / Math.Log(Bins) : 0;

    /// <summary>The entropy of the frequencies of <paramref name="counts"/> (N = their sum; no values: 0).</summary>
    /// <exception cref="ArgumentException">A count is negative.</exception>
    public static EntropyEstimate FromCounts(ReadOnlySpan<int> counts, EntropyUnit unit, bool millerMadow)
    {
        long total = 0;
        int nonEmpty = 0;
        foreach (int count in counts)
        {
            if (count < 0)
                throw new ArgumentException($"bin counts must not be negative, got {count}", nameof(counts));
            total += count;
            nonEmpty += count > 0 ? 1 : 0;
        }

        // The frequencies of the non-empty bins, a chunk at a time, so that their logarithms take one vector call.
        int chunk = Math.Min(counts.Length, TermChunk); // zeroed on every call: no more than the bins need
        Span<double> frequencies = stackalloc double[chunk], logarithms = stackalloc double[chunk];
        double nats = 0;
        int filled = 0;
        foreach (int count in counts)
        {
            if (count == 0)
                continue;
            frequencies[filled++] = (double)count / total;
            if (filled == chunk)
                (nats, filled) = (nats + Terms(frequencies, logarithms), 0);
        }

        return Create(nats + Terms(frequencies[..filled], logarithms), unit, counts.Length, total, nonEmpty, millerMadow);
    }

    /// <summary>Frequencies whose terms one call sums (two 2 KiB buffers on the stack).</summary>
    private const int TermChunk = 256;

    /// <summary>
    /// Σ −p ln p over <paramref name="frequencies"/>: every p ≤ 1 gives ln p ≤ 0, so the sum is never negative. The
    /// vector logarithm and sum may differ in the last bit between instruction sets, as the GEMMs' sums do.
    /// </summary>
    private static double Terms(ReadOnlySpan<double> frequencies, Span<double> logarithms)
    {
        Span<double> logs = logarithms[..frequencies.Length];
        TensorPrimitives.Log(frequencies, logs);
        return -TensorPrimitives.Dot(frequencies, logs);
    }

    /// <summary>−p ln p for p = count / total: never negative, since p ≤ 1, so H ≥ 0 exactly.</summary>
    internal static double Term(int count, long total)
    {
        double p = (double)count / total;
        return -p * Math.Log(p);
    }

    /// <summary>The estimate from the plug-in entropy H = Σ −p ln p, adding (m − 1) / (2N) when asked.</summary>
    internal static EntropyEstimate Create(double plugInNats, EntropyUnit unit, int bins, long count, int nonEmpty, bool millerMadow)
    {
        double nats = millerMadow && count > 0 ? plugInNats + (nonEmpty - 1) / (2.0 * count) : plugInNats;
        return new(nats, unit, bins, count, nonEmpty, millerMadow);
    }
}
