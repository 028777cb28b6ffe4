namespace SurgeCollapse.Cli.Benchmarking;

/// <summary>One thing <c>surge bench</c> measures: a call that does the work once, with every buffer allocated beforehand.</summary>
internal interface IBenchWorkload
{
    /// <summary>Calls after which the workload has gone through everything it does periodically (a training policy's
    /// collapse and surge cadence); 1 for a workload that does the same thing every call. Warm-up covers it once, so
    /// any first-time allocation is over, and the measured calls cover it again, so a periodic allocation shows.</summary>
    int CycleCalls { get; }

    /// <summary>Does the work once.</summary>
    void Run();
}
