namespace SurgeCollapse.Simd.Entropy;

/// <summary>The unit an entropy is reported in (SPEC §5: nats, bits on request).</summary>
public enum EntropyUnit
{
    /// <summary>Natural logarithm: H = −Σ p ln p.</summary>
    Nats,
    /// <summary>Base-2 logarithm: H = −Σ p log₂ p, that is nats / ln 2.</summary>
    Bits,
}
