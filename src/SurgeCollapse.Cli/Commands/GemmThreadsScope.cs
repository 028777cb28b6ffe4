using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Cli.Commands;

/// <summary>
/// Sets the process-wide <see cref="Gemm.MaxThreads"/> for one command and puts the previous value back at the end, so
/// a command run in-process (tests, a host app) leaves no trace on the next one.
/// </summary>
internal readonly struct GemmThreadsScope : IDisposable
{
    private readonly int _previous;

    public GemmThreadsScope(int threads)
    {
        _previous = Gemm.MaxThreads;
        Gemm.MaxThreads = threads;
    }

    public void Dispose() => Gemm.MaxThreads = _previous;
}
