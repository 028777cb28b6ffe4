using SurgeCollapse.Simd;
using Xunit;

namespace SurgeCollapse.Cli.Tests;

/// <summary>Which failures <c>surge</c> reports as the user's (one line, exit code 2) and which escape as bugs.</summary>
public sealed class SurgeAppTests
{
    [Fact]
    public void Bad_input_and_unwritable_paths_are_the_users()
    {
        var input = new UserInputException("--epochs: expected at least 1, got 0");
        Assert.Same(input, SurgeApp.UserError(input));
        var io = new IOException("disk full");
        Assert.Same(io, SurgeApp.UserError(io));
        Assert.Null(SurgeApp.UserError(new InvalidOperationException("a bug")));
    }

    [Fact]
    public void A_parallel_loops_errors_are_the_users_only_when_every_one_is()
    {
        var first = new IOException("runs/a: no space left");
        var nested = new AggregateException(new AggregateException(first), new AggregateException(new UnauthorizedAccessException("runs/b")));
        Assert.Same(first, SurgeApp.UserError(nested));
        Assert.Null(SurgeApp.UserError(new AggregateException(first, new InvalidOperationException("a bug"))));
        Assert.Null(SurgeApp.UserError(new AggregateException()));
    }
}
