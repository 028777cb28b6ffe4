using SurgeCollapse.Simd.PerfGate.Machine;
using SurgeCollapse.Simd.PerfGate.Results;

namespace SurgeCollapse.Simd.PerfGate.Commands;

/// <summary><c>fingerprint [--results DIR_OR_FILE]</c>: this machine's fingerprint and baseline directory name, or
/// those recorded in a run's reports.</summary>
internal static class FingerprintCommand
{
    /// <summary>Prints the description, then the slug alone on the last line (for <c>$(… | tail -n1)</c>).</summary>
    public static int Run(GateArguments arguments, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        string? results = arguments.Optional("--results");
        arguments.RejectUnknown();
        MachineFingerprint fingerprint = results is null ? ThisMachine.Fingerprint() : BenchmarkReportReader.Read(results).Fingerprint;
        output.WriteLine(fingerprint.Describe());
        output.WriteLine(fingerprint.Slug());
        return ExitCodes.Passed;
    }
}
