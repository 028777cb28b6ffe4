namespace SurgeCollapse.Simd.PerfGate;

/// <summary>What the process returns; CI fails the job on anything but <see cref="Passed"/>.</summary>
internal static class ExitCodes
{
    /// <summary>No regression (or the command did its work).</summary>
    public const int Passed = 0;

    /// <summary>At least one benchmark is slower or allocates more.</summary>
    public const int Regression = 1;

    /// <summary>Bad options or unreadable results.</summary>
    public const int BadInput = 2;

    /// <summary>The two sides come from different machines: nothing was compared.</summary>
    public const int FingerprintMismatch = 3;
}
