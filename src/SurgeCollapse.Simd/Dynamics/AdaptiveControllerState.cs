using System.Globalization;

namespace SurgeCollapse.Simd.Dynamics;

/// <summary>
/// What an <see cref="AdaptiveController"/> remembers between steps, which a run checkpoint saves so that the resumed
/// controller takes the same decisions: h̄, the pumped noise, the plateau window and the cool-down.
/// </summary>
/// <param name="AverageEntropy">h̄, the moving average of the normalised activation entropy.</param>
/// <param name="PumpedSigma">The extra input noise the pump adds, finite and at least 0.</param>
/// <param name="LastRule">The rule behind the last action.</param>
/// <param name="Window">h̄ of the last W steps, a ring of <see cref="AdaptiveOptions.PlateauWindowSteps"/> values.</param>
/// <param name="Filled">How many entries of the ring hold a value, in [0, W]; 0 before the first step.</param>
/// <param name="Next">The entry the next step writes, in [0, W); equal to <paramref name="Filled"/> until the ring is full.</param>
/// <param name="QuietUntil">The first step at which a rule may fire again (<see cref="long.MinValue"/> before any action).</param>
internal readonly record struct AdaptiveControllerState(
    double AverageEntropy, double PumpedSigma, DynamicsRule LastRule, double[] Window, int Filled, int Next, long QuietUntil)
{
    /// <summary>Why the state cannot be a controller's with a window of <paramref name="windowSteps"/> steps ("expected …, got …"), or null when it can.</summary>
    internal string? Problem(int windowSteps)
    {
        if (Window is null || Window.Length != windowSteps)
            return $"expected a window of {windowSteps} values (PlateauWindowSteps), got {Window?.Length ?? 0}";
        if (Filled < 0 || Filled > windowSteps)
            return $"expected a filled count in [0, {windowSteps}], got {Filled}";
        if (Filled < windowSteps ? Next != Filled : Next < 0 || Next >= windowSteps)
            return Filled < windowSteps ? $"expected the next index equal to the filled count {Filled} (the ring is not full yet), got {Next}" : $"expected a next index in [0, {windowSteps - 1}], got {Next}";
        if (!(PumpedSigma >= 0 && double.IsFinite(PumpedSigma)))
            return $"expected a finite pumped sigma of at least 0, got {PumpedSigma.ToString("R", CultureInfo.InvariantCulture)}";
        return Enum.IsDefined(LastRule) ? null : $"expected a defined rule, got {(int)LastRule}";
    }
}
