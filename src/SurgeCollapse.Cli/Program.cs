using System.CommandLine;
using System.CommandLine.Parsing;
using SurgeCollapse.Cli.Commands;
using SurgeCollapse.Simd;

var root = new RootCommand("surge: Surge-Collapse training on a SIMD, allocation-free engine")
{
    TrainCommand.Create(),
    ExperimentCommand.Create(),
};

ParseResult parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // One line naming the first problem, as for every other user error; --help has the rest.
    ParseError error = parsed.Errors[0];
    string message = string.Join(' ', error.Message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    // A value outside AcceptOnlyFromAmong's list is reported without its option: name it, as range errors do.
    if (error.SymbolResult is OptionResult { Option.Name: string flag } && !message.Contains(flag, StringComparison.Ordinal))
        message = $"{flag}: {message}";
    Console.Error.WriteLine($"surge: error: {message} (see 'surge --help')");
    return 2;
}

try
{
    return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (UserInputException error)
{
    // Bad input is the user's to fix: one line, exit code 2, no stack trace.
    Console.Error.WriteLine($"surge: error: {error.Message}");
    return 2;
}
