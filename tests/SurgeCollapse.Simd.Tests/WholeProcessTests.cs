using Xunit;

namespace SurgeCollapse.Simd.Tests;

/// <summary>Tests that measure the whole process (every thread's allocations) run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WholeProcessTests
{
    public const string Name = "Serial: whole-process measurements";
}
