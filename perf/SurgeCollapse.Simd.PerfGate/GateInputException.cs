namespace SurgeCollapse.Simd.PerfGate;

/// <summary>Bad input from the user (a missing file, an unreadable report, a bad option): one line, exit code 2.</summary>
internal sealed class GateInputException(string message) : Exception(message);
