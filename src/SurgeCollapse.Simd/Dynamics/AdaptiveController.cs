namespace SurgeCollapse.Simd.Dynamics;

/// <summary>
/// The entropy-driven controller of the <c>adaptive</c> policy (SPEC §6). Fed the normalised activation entropy of
/// every step, it keeps an exponential moving average h̄ and, every K steps, applies the first rule that holds:
/// h̄ &gt; h_high → collapse and surge; h̄ &lt; h_low → pump input noise; h̄ flat over the last W steps → collapse.
/// After any action no rule fires for C steps. Pumped noise decays with a half-life. Allocation-free per step.
/// </summary>
public sealed class AdaptiveController
{
    private readonly double[] _window; // h̄ of the last W steps, a ring
    private readonly double _pumpDecayPerStep;
    private int _filled, _next;
    private bool _started;
    private long _quietUntil = long.MinValue;

    /// <summary>Creates the controller for a run whose base input noise is <paramref name="baseSigma"/>.</summary>
    public AdaptiveController(AdaptiveOptions options, double baseSigma)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        OptionCheck.FiniteNonNegative(nameof(AdaptiveController), nameof(baseSigma), baseSigma);
        Options = options;
        BaseSigma = baseSigma;
        _window = new double[options.PlateauWindowSteps];
        _pumpDecayPerStep = Math.Pow(2, -1 / options.PumpHalfLifeSteps);
    }

    /// <summary>The options.</summary>
    public AdaptiveOptions Options { get; }

    /// <summary>The run's own input noise σ.</summary>
    public double BaseSigma { get; }

    /// <summary>h̄, the moving average of the normalised activation entropy.</summary>
    public double AverageEntropy { get; private set; }

    /// <summary>The extra input noise the pump currently adds on top of <see cref="BaseSigma"/>.</summary>
    public double PumpedSigma { get; private set; }

    /// <summary>The input noise σ in effect: base plus pumped.</summary>
    public double InputSigma => BaseSigma + PumpedSigma;

    /// <summary>The rule behind the last action returned by <see cref="Observe"/>.</summary>
    public DynamicsRule LastRule { get; private set; }

    /// <summary>
    /// Takes the normalised entropy of 0-based <paramref name="step"/> (in [0, 1]) and returns what to do at this
    /// step. Steps must be observed in order, one call each.
    /// </summary>
    public DynamicsAction Observe(long step, double normalizedEntropy)
    {
        PumpedSigma *= _pumpDecayPerStep;
        AverageEntropy = _started ? AverageEntropy + Options.Smoothing * (normalizedEntropy - AverageEntropy) : normalizedEntropy;
        _started = true;
        _window[_next] = AverageEntropy;
        _next = (_next + 1) % _window.Length;
        _filled = Math.Min(_filled + 1, _window.Length);

        if ((step + 1) % Options.Interval != 0 || step < _quietUntil)
            return DynamicsAction.None;

        DynamicsAction action = DynamicsAction.None;
        if (AverageEntropy > Options.HighEntropy)
        {
            (action, LastRule) = (DynamicsAction.Collapse | DynamicsAction.Surge, DynamicsRule.HighEntropy);
        }
        else if (AverageEntropy < Options.LowEntropy)
        {
            PumpedSigma = Math.Min(PumpedSigma + Options.PumpSigma, Math.Max(0, Options.MaxSigma - BaseSigma));
            (action, LastRule) = (DynamicsAction.Pump, DynamicsRule.LowEntropy);
        }
        else if (_filled == _window.Length && Spread() < Options.PlateauEpsilon)
        {
            (action, LastRule) = (DynamicsAction.Collapse, DynamicsRule.Plateau);
        }

        if (action != DynamicsAction.None)
            _quietUntil = step + Options.CooldownSteps + 1;
        return action;
    }

    /// <summary>A copy of what the controller remembers, for a checkpoint.</summary>
    internal AdaptiveControllerState ExportState() =>
        new(AverageEntropy, PumpedSigma, LastRule, [.. _window], _filled, _next, _quietUntil);

    /// <summary>
    /// Continues from <paramref name="state"/>, as <see cref="ExportState"/> gave it. The run checkpoint validates a
    /// state read from a file before it gets here; this only guards against bugs.
    /// </summary>
    /// <exception cref="ArgumentException">The state does not fit this controller (<see cref="AdaptiveControllerState.Problem"/>).</exception>
    internal void ImportState(AdaptiveControllerState state)
    {
        if (state.Problem(_window.Length) is { } problem)
            throw new ArgumentException(problem, nameof(state));
        state.Window.CopyTo(_window, 0);
        (AverageEntropy, PumpedSigma, LastRule) = (state.AverageEntropy, state.PumpedSigma, state.LastRule);
        (_filled, _next, _quietUntil) = (state.Filled, state.Next, state.QuietUntil);
        // Observe sets both on the first step, so "started" is exactly "the window holds a value".
        _started = state.Filled > 0;
    }

    private double Spread()
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double value in _window)
        {
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        return max - min;
    }
}
