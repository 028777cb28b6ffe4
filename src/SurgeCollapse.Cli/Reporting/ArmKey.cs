namespace SurgeCollapse.Cli.Reporting;

/// <summary>One arm of a sweep: a policy at an input noise level σ; its runs differ only by seed.</summary>
/// <param name="Policy">baseline, notebook, scheduled, adaptive (or any other name a run reports).</param>
/// <param name="Noise">Input noise σ.</param>
internal readonly record struct ArmKey(string Policy, double Noise) : IComparable<ArmKey>
{
    /// <summary>The policies in the order of SPEC §6; others follow alphabetically.</summary>
    public static readonly string[] KnownPolicies = ["baseline", "notebook", "scheduled", "adaptive"];

    /// <summary>The policy every other is compared against.</summary>
    public const string BaselinePolicy = "baseline";

    /// <summary>Orders policies as SPEC §6 lists them, unknown ones after them by name.</summary>
    public static int ComparePolicies(string left, string right)
    {
        int l = Array.IndexOf(KnownPolicies, left), r = Array.IndexOf(KnownPolicies, right);
        if (l < 0)
            l = KnownPolicies.Length;
        if (r < 0)
            r = KnownPolicies.Length;
        return l != r ? l.CompareTo(r) : string.CompareOrdinal(left, right);
    }

    /// <summary>By σ, then by policy.</summary>
    public int CompareTo(ArmKey other)
    {
        int byNoise = Noise.CompareTo(other.Noise);
        return byNoise != 0 ? byNoise : ComparePolicies(Policy, other.Policy);
    }
}
