namespace SurgeCollapse.Simd.PerfGate.Results;

/// <summary>One benchmark case of one run.</summary>
/// <param name="FullName">BenchmarkDotNet's full name, parameters included: the key both sides are matched by.</param>
/// <param name="NanosecondsPerOperation">Every workload iteration's time per operation, overhead removed
/// (BenchmarkDotNet's <c>Workload/Result</c> measurements: upper outliers already removed, as in its own statistics).</param>
/// <param name="AllocatedBytesPerOperation">Managed bytes per operation, or null when the run had no memory diagnoser.</param>
internal sealed record BenchmarkMeasurements(string FullName, IReadOnlyList<double> NanosecondsPerOperation, long? AllocatedBytesPerOperation);
