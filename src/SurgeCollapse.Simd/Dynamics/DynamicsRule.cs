namespace SurgeCollapse.Simd.Dynamics;

/// <summary>Why a policy acted, as recorded in events (SPEC §6).</summary>
public enum DynamicsRule
{
    /// <summary>The fixed schedule's collapse ((step + 1) divisible by the collapse period).</summary>
    ScheduledCollapse,
    /// <summary>The fixed schedule's surge ((step + 1) divisible by the surge period).</summary>
    ScheduledSurge,
    /// <summary>Adaptive rule 1: h̄ &gt; h_high → collapse, then surge at once.</summary>
    HighEntropy,
    /// <summary>Adaptive rule 2: h̄ &lt; h_low → entropy pump.</summary>
    LowEntropy,
    /// <summary>Adaptive rule 3: h̄ moved less than ε over the last W steps → collapse.</summary>
    Plateau,
}
