using System.CommandLine;
using SurgeCollapse.Cli.Commands;
using SurgeCollapse.Simd;

var root = new RootCommand("surge: Surge-Collapse training on a SIMD, allocation-free engine")
{
    TrainCommand.Create(),
};

try
{
    return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (UserInputException error)
{
    // Bad input is the user's to fix: one line, exit code 2, no stack trace.
    Console.Error.WriteLine($"surge: error: {error.Message}");
    return 2;
}
