using Xunit;

namespace SurgeCollapse.Cli.Tests.Commands;

/// <summary><c>surge train</c>: every kind of bad input is one line and exit code 2; a short run prints its epochs.</summary>
public sealed class TrainCommandTests
{
    [Theory]
    [InlineData(new[] { "--noise", "-1" }, new[] { "--noise", "expected a value in [0, ∞), got -1" })]
    [InlineData(new[] { "--noise", "abc" }, new[] { "--noise", "'abc'" })]
    [InlineData(new[] { "--sparsity", "1" }, new[] { "--sparsity", "expected a value in [0, 1), got 1" })]
    [InlineData(new[] { "--batch-size", "0" }, new[] { "--batch-size", "expected a value in [1, 65536], got 0" })]
    [InlineData(new[] { "--epochs", "0" }, new[] { "--epochs", "expected at least 1, got 0" })]
    [InlineData(new[] { "--bogus" }, new[] { "'--bogus'", "(see 'surge --help')" })]
    [InlineData(new[] { "--hidden", "256,x" }, new[] { "--hidden", "expected comma-separated positive widths", "got '256,x'" })]
    [InlineData(new[] { "--hidden", "0" }, new[] { "--hidden", "got '0'" })]
    [InlineData(new[] { "--policy", "bogus" }, new[] { "--policy", "'bogus'", "'baseline' 'notebook' 'scheduled' 'adaptive'" })]
    [InlineData(new[] { "--policy", "adaptive", "--h-low", "0.9", "--h-high", "0.5" }, new[] { "--h-high", "(--h-low)", "got 0.5" })]
    [InlineData(new[] { "--policy", "notebook", "--scope", "global" }, new[] { "--scope global", "the notebook policy always prunes per tensor" })]
    [InlineData(new[] { "--policy", "adaptive", "--hidden", "" }, new[] { "--policy adaptive", "give --hidden at least one width" })]
    public void Bad_input_is_one_line_naming_the_option_and_exit_code_2(string[] options, string[] fragments) =>
        Surge.AssertUserError(Surge.Run(["train", .. options]), fragments);

    [Fact]
    public void No_command_is_a_user_error() =>
        Surge.AssertUserError(Surge.Run(), "Required command was not provided", "(see 'surge --help')");

    [Fact]
    public void One_short_epoch_prints_its_losses()
    {
        SurgeResult result = Surge.Run("train", "--epochs", "1", "--samples", "200", "--threads", "1");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Error);
        string[] lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("simd: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, line => line.StartsWith("epoch   0  validation loss ", StringComparison.Ordinal));
        string epoch = Assert.Single(lines, line => line.StartsWith("epoch   1  ", StringComparison.Ordinal));
        Assert.Matches(@"training loss \d+\.\d{6}  validation loss \d+\.\d{6}  h \d\.\d{3}", epoch);
    }

    [Fact]
    public void Help_goes_to_the_output_writer()
    {
        SurgeResult result = Surge.Run("train", "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Error);
        Assert.Contains("--policy", result.Output, StringComparison.Ordinal);
    }
}
