using Xunit;

namespace SurgeCollapse.Cli.Tests;

/// <summary>What one in-process run of <c>surge</c> printed and returned.</summary>
internal sealed record SurgeResult(int ExitCode, string Output, string Error)
{
    /// <summary>The lines of the error output, without the empty one after the last newline.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\n--- output ---\n{Output}--- error ---\n{Error}";
}

/// <summary>Runs the whole tool in-process, as a user would from a shell, and checks how it reports user errors.</summary>
internal static class Surge
{
    public static SurgeResult Run(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        int exitCode = SurgeApp.Run(args, output, error);
        return new SurgeResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Asserts a user error: exit code 2, nothing on the output, and on the error output exactly one line,
    /// <c>surge: error: …</c>, that holds every fragment (the option or file, and the problem) and no stack trace.
    /// </summary>
    public static string AssertUserError(SurgeResult result, params string[] fragments)
    {
        Assert.True(result.ExitCode == 2, $"expected exit code 2: {result}");
        Assert.True(result.Output.Length == 0, $"expected nothing on the output: {result}");
        string line = Assert.Single(result.ErrorLines);
        Assert.Equal(line + "\n", result.Error);
        Assert.StartsWith("surge: error: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
        foreach (string fragment in fragments)
            Assert.Contains(fragment, line, StringComparison.Ordinal);
        return line;
    }
}
