using System.Globalization;

namespace SurgeCollapse.Cli.Experiment;

/// <summary>How a sweep shows its progress: live bars on a terminal, plain lines otherwise (CI, redirected output).</summary>
internal abstract class SweepProgress
{
    /// <summary>Runs <paramref name="sweep"/> with the display active.</summary>
    public abstract void Run(Action sweep);

    /// <summary>The reporter one arm calls as it trains; called from the arm's worker thread.</summary>
    public abstract Action<ArmProgress> ReporterFor(ArmSpec arm);

    /// <summary>Called once per arm when it ends, from its worker thread.</summary>
    public abstract void Finished(RunOutcome outcome);

    /// <summary>Live bars when standard output is an interactive terminal and not under CI; plain lines otherwise.</summary>
    public static SweepProgress For(TextWriter output, IReadOnlyList<ArmSpec> arms)
    {
        bool ci = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));
        return !ci && ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && Spectre.Console.AnsiConsole.Profile.Capabilities.Interactive
            ? new LiveSweepProgress(arms)
            : new PlainSweepProgress(output, arms.Count);
    }

    /// <summary>One line summing up a finished run.</summary>
    protected static string Describe(RunOutcome outcome)
    {
        ArmSpec arm = outcome.Arm;
        string status = outcome.Status switch
        {
            RunStatus.Completed when outcome.Message is { } note => $"done ({note})",
            RunStatus.Completed => "done",
            RunStatus.Diverged => $"diverged: {outcome.Message}",
            _ => "stopped",
        };
        string speed = double.IsNaN(outcome.StepsPerSecond) ? "" : string.Create(CultureInfo.InvariantCulture, $" at {outcome.StepsPerSecond:F0} steps/s");
        return string.Create(CultureInfo.InvariantCulture,
            $"{arm.PolicyWord,-9} σ {arm.Sigma,-4} seed {arm.Seed}: {status}; validation loss {outcome.FinalValidation.Loss:F5} " +
            $"(best {outcome.BestValidation.Loss:F5}), {outcome.Metrics.Count} steps{speed}");
    }
}
