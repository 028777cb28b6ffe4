using System.CommandLine;
using SurgeCollapse.Cli.Commands;
using SurgeCollapse.Simd;

var root = new RootCommand("surge: Surge-Collapse training on a SIMD, allocation-free engine")
{
    TrainCommand.Create(),
};

ParseResult parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // One line naming the first problem, as for every other user error; --help has the rest.
    string message = string.Join(' ', parsed.Errors[0].Message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
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
