namespace SurgeCollapse.Simd.Entropy;

/// <summary>
/// The entropy of one hidden layer's post-ReLU activations over a batch (SPEC §5). ReLU puts a spike at exactly zero, so
/// besides the histogram of all values the layer reports how much of it is that spike and the histogram of the rest.
/// </summary>
/// <param name="All">The histogram entropy of all finite activations.</param>
/// <param name="Positive">
/// The histogram entropy of the activations above zero, binned over their own range [min, max] (batch range) or over
/// the same fixed range.
/// </param>
/// <param name="ZeroFraction">Exactly-zero activations / finite activations, in [0, 1]; 0 when none is finite.</param>
/// <param name="NonFiniteCount">How many activations were NaN or ±∞: none of the above counts them.</param>
public readonly record struct ActivationEntropy(EntropyEstimate All, EntropyEstimate Positive, double ZeroFraction, int NonFiniteCount);
