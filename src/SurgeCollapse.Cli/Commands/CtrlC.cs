namespace SurgeCollapse.Cli.Commands;

/// <summary>
/// While alive, the first Ctrl-C asks the training to stop at its next step (so it can save what it has) instead of
/// killing the process; a second one kills it, as does any Ctrl-C once this is disposed.
/// </summary>
internal sealed class CtrlC : IDisposable
{
    private readonly CancellationTokenSource _source = new();

    public CtrlC() => Console.CancelKeyPress += OnCancel;

    /// <summary>True once Ctrl-C was pressed.</summary>
    public bool Pressed => _source.IsCancellationRequested;

    /// <summary>Cancelled when Ctrl-C is pressed.</summary>
    public CancellationToken Token => _source.Token;

    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = !_source.IsCancellationRequested;
        _source.Cancel();
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancel;
        _source.Dispose();
    }
}
