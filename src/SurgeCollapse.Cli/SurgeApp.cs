using System.CommandLine;
using System.CommandLine.Parsing;
using SurgeCollapse.Cli.Commands;
using SurgeCollapse.Simd;

namespace SurgeCollapse.Cli;

/// <summary>
/// The whole <c>surge</c> tool as a function of its arguments and two writers, so that tests run it in-process and
/// read what a user would see. Commands write through <see cref="InvocationConfiguration.Output"/>, never the console.
/// </summary>
internal static class SurgeApp
{
    /// <summary>Parses and runs one command line; returns the exit code (2 for a user error, reported as one line on <paramref name="error"/>).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var root = new RootCommand("surge: Surge-Collapse training on a SIMD, allocation-free engine")
        {
            TrainCommand.Create(),
            ExperimentCommand.Create(),
            InspectCommand.Create(),
            ReportCommand.Create(),
            BenchCommand.Create(),
        };

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // One line naming the first problem, as for every other user error; --help has the rest.
            error.WriteLine($"surge: error: {Describe(parsed.Errors[0])} (see 'surge --help')");
            return 2;
        }

        try
        {
            // Without the default handler a bug escapes with its stack trace; user errors are caught below.
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception exception) when (UserError(exception) is { } user)
        {
            // Bad input, or a path that cannot be written (a file where a directory should be, a full disk, no
            // permission), is the user's to fix: one line, exit code 2, no stack trace.
            error.WriteLine($"surge: error: {user.Message.ReplaceLineEndings(" ")}");
            return 2;
        }
    }

    /// <summary>
    /// The error to report as the user's — the exception itself, or the first of a parallel loop's (a sweep's runs) when
    /// every one of them is — else null: a bug, which escapes with its stack trace.
    /// </summary>
    internal static Exception? UserError(Exception exception)
    {
        if (exception is AggregateException aggregate)
        {
            var errors = aggregate.Flatten().InnerExceptions;
            return errors.Count > 0 && errors.All(e => UserError(e) is not null) ? errors[0] : null;
        }

        return exception is UserInputException or IOException or UnauthorizedAccessException ? exception : null;
    }

    private static string Describe(ParseError error)
    {
        string message = string.Join(' ', error.Message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        // A value outside AcceptOnlyFromAmong's list is reported without its option: name it, as range errors do.
        if (error.SymbolResult is OptionResult { Option.Name: string flag } && !message.Contains(flag, StringComparison.Ordinal))
            message = $"{flag}: {message}";
        return message;
    }
}
