using SurgeCollapse.Simd.PerfGate;
using SurgeCollapse.Simd.PerfGate.Commands;
using SurgeCollapse.Simd.PerfGate.Comparison;

// The performance regression gate over BenchmarkDotNet's *-report-full.json files (docs/performance.md, "Regression gate").
const string usage = """
    usage:
      perfgate compare --baseline DIR_OR_FILE --current DIR_OR_FILE [--threshold 5%] [--noise-floor-ns 50] [--alpha 0.05] [--markdown FILE]
      perfgate update-baseline --current DIR_OR_FILE [--baselines perf/baselines]
      perfgate fingerprint [--results DIR_OR_FILE]
    --baseline may be perf/baselines itself: the subdirectory of the current run's machine is used.
    exit codes: 0 pass, 1 regression, 2 bad input, 3 results from different machines.
    """;

if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
{
    Console.WriteLine(usage);
    return args.Length == 0 ? ExitCodes.BadInput : ExitCodes.Passed;
}

try
{
    GateArguments arguments = GateArguments.Parse(args);
    return arguments.Command switch
    {
        "compare" => CompareCommand.Run(arguments, Console.Out),
        "update-baseline" => UpdateBaselineCommand.Run(arguments, Console.Out),
        "fingerprint" => FingerprintCommand.Run(arguments, Console.Out),
        _ => throw new GateInputException($"unknown command '{arguments.Command}'.\n{usage}"),
    };
}
catch (GateInputException e)
{
    Console.Error.WriteLine($"perfgate: {e.Message}");
    return ExitCodes.BadInput;
}
catch (FingerprintMismatchException e)
{
    Console.Error.WriteLine($"perfgate: {e.Message}");
    return ExitCodes.FingerprintMismatch;
}
