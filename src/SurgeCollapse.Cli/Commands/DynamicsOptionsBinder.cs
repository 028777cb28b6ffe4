using System.CommandLine;
using SurgeCollapse.Simd;
using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Entropy;
using SurgeCollapse.Simd.Sparsity;

namespace SurgeCollapse.Cli.Commands;

/// <summary>
/// The <c>surge train</c> options of the Surge-Collapse dynamics: declared with the engine's defaults, bound into one
/// <see cref="DynamicsOptions"/> record.
/// </summary>
internal sealed class DynamicsOptionsBinder
{
    private static readonly DynamicsOptions Defaults = new();

    private readonly Option<string> _policy = Word(nameof(DynamicsOptions.Policy), Defaults.Policy,
        "Surge-Collapse policy: baseline (plain training), notebook (the original code's schedule), scheduled (that schedule with persistent masks) or adaptive (entropy-driven)");
    private readonly Option<double> _sparsity = Declare(nameof(CollapseOptions.Sparsity), Defaults.Collapse.Sparsity,
        "Fraction s of the weights a collapse prunes (the threshold is the s-quantile of |w|)");
    private readonly Option<string> _scope = Word(nameof(CollapseOptions.Scope), Defaults.Collapse.Scope,
        "One collapse threshold per tensor or one over all tensors (scheduled, adaptive)");
    private readonly Option<bool> _includeBiases = Declare(nameof(CollapseOptions.IncludeBiases), Defaults.Collapse.IncludeBiases,
        "Prune biases too (scheduled, adaptive)");
    private readonly Option<double> _recovery = Declare(nameof(SurgeOptions.RecoveryFactor), Defaults.Surge.RecoveryFactor,
        "Recovery factor r: a re-expanded weight is r·z, z ~ N(0, 1)");
    private readonly Option<string> _regrow = Word(nameof(SurgeOptions.Strategy), Defaults.Surge.Strategy,
        "Which pruned weights a surge re-expands: all, a random fraction, or the fraction with the largest |gradient| (scheduled, adaptive)");
    private readonly Option<double> _regrowFraction = Declare(nameof(SurgeOptions.Fraction), Defaults.Surge.Fraction,
        "Fraction f of the pruned weights the random and gradient regrowth re-expand");
    private readonly Option<int> _collapseEvery = Declare(nameof(ScheduleOptions.CollapseEvery), Defaults.Schedule.CollapseEvery,
        "Collapse every this many steps (notebook, scheduled)");
    private readonly Option<int> _surgeEvery = Declare(nameof(ScheduleOptions.SurgeEvery), Defaults.Schedule.SurgeEvery,
        "Surge every this many steps (notebook, scheduled)");
    private readonly Option<double> _highEntropy = Declare(nameof(AdaptiveOptions.HighEntropy), Defaults.Adaptive.HighEntropy,
        "h_high: smoothed normalised activation entropy above which to collapse and surge (adaptive)");
    private readonly Option<double> _lowEntropy = Declare(nameof(AdaptiveOptions.LowEntropy), Defaults.Adaptive.LowEntropy,
        "h_low: smoothed normalised activation entropy below which to pump noise into the inputs (adaptive)");
    private readonly Option<int> _interval = Declare(nameof(AdaptiveOptions.Interval), Defaults.Adaptive.Interval,
        "K: the adaptive rules are read every K steps");
    private readonly Option<double> _pumpSigma = Declare(nameof(AdaptiveOptions.PumpSigma), Defaults.Adaptive.PumpSigma,
        "σ_pump: extra input noise σ one pump adds (adaptive)");
    private readonly Option<double> _maxSigma = Declare(nameof(AdaptiveOptions.MaxSigma), Defaults.Adaptive.MaxSigma,
        "σ_max: cap on base plus pumped input noise σ (adaptive)");
    private readonly Option<double> _pumpHalfLife = Declare(nameof(AdaptiveOptions.PumpHalfLifeSteps), Defaults.Adaptive.PumpHalfLifeSteps,
        "Half-life of the pumped noise, in steps (adaptive)");
    private readonly Option<double> _plateauEpsilon = Declare(nameof(AdaptiveOptions.PlateauEpsilon), Defaults.Adaptive.PlateauEpsilon,
        "ε: the smoothed entropy staying within a band this wide for W steps is a plateau, which collapses (adaptive)");
    private readonly Option<int> _plateauWindow = Declare(nameof(AdaptiveOptions.PlateauWindowSteps), Defaults.Adaptive.PlateauWindowSteps,
        "W: the plateau window, in steps (adaptive)");
    private readonly Option<int> _cooldown = Declare(nameof(AdaptiveOptions.CooldownSteps), Defaults.Adaptive.CooldownSteps,
        "C: steps after an action during which no rule fires (adaptive)");
    private readonly Option<int> _bins = Declare(nameof(EntropyOptions.Bins), Defaults.Entropy.Bins,
        "Histogram bins B of the activation and target entropies");
    private readonly Option<string> _range = Word(nameof(EntropyOptions.Range), Defaults.Entropy.Range,
        "Histogram range: batch ([min, max] of the values at hand) or fixed ([--entropy-low, --entropy-high], values outside clamped)");
    private readonly Option<float> _low = Declare(nameof(EntropyOptions.Low), Defaults.Entropy.Low, "Lower edge of the fixed histogram range");
    private readonly Option<float> _high = Declare(nameof(EntropyOptions.High), Defaults.Entropy.High, "Upper edge of the fixed histogram range");
    private readonly Option<string> _unit = Word(nameof(EntropyOptions.Unit), Defaults.Entropy.Unit, "Entropy unit: nats or bits");
    private readonly Option<bool> _millerMadow = Declare(nameof(EntropyOptions.MillerMadow), Defaults.Entropy.MillerMadow,
        "Add the Miller–Madow bias correction (m − 1)/(2N) to every histogram entropy");

    /// <summary>The flag behind each engine property these options set, so range errors name what the user typed.</summary>
    public static IReadOnlyDictionary<string, string> Flags { get; } = new Dictionary<string, string>
    {
        [nameof(DynamicsOptions.Policy)] = "--policy",
        [nameof(CollapseOptions.Sparsity)] = "--sparsity", [nameof(CollapseOptions.Scope)] = "--scope",
        [nameof(CollapseOptions.IncludeBiases)] = "--include-biases",
        [nameof(SurgeOptions.RecoveryFactor)] = "--recovery", [nameof(SurgeOptions.Strategy)] = "--regrow",
        [nameof(SurgeOptions.Fraction)] = "--regrow-fraction",
        [nameof(ScheduleOptions.CollapseEvery)] = "--collapse-every", [nameof(ScheduleOptions.SurgeEvery)] = "--surge-every",
        [nameof(AdaptiveOptions.HighEntropy)] = "--h-high", [nameof(AdaptiveOptions.LowEntropy)] = "--h-low",
        [nameof(AdaptiveOptions.Interval)] = "--entropy-interval", [nameof(AdaptiveOptions.PumpSigma)] = "--pump-sigma",
        [nameof(AdaptiveOptions.MaxSigma)] = "--max-sigma", [nameof(AdaptiveOptions.PumpHalfLifeSteps)] = "--pump-half-life",
        [nameof(AdaptiveOptions.PlateauEpsilon)] = "--plateau-epsilon", [nameof(AdaptiveOptions.PlateauWindowSteps)] = "--plateau-window",
        [nameof(AdaptiveOptions.CooldownSteps)] = "--cooldown",
        [nameof(EntropyOptions.Bins)] = "--entropy-bins", [nameof(EntropyOptions.Range)] = "--entropy-range",
        [nameof(EntropyOptions.Low)] = "--entropy-low", [nameof(EntropyOptions.High)] = "--entropy-high",
        [nameof(EntropyOptions.Unit)] = "--entropy-unit", [nameof(EntropyOptions.MillerMadow)] = "--miller-madow",
    };

    /// <summary>Adds every dynamics option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        Option[] options =
        [
            _policy, _sparsity, _scope, _includeBiases, _recovery, _regrow, _regrowFraction, _collapseEvery, _surgeEvery,
            _highEntropy, _lowEntropy, _interval, _pumpSigma, _maxSigma, _pumpHalfLife, _plateauEpsilon, _plateauWindow,
            _cooldown, _bins, _range, _low, _high, _unit, _millerMadow,
        ];
        foreach (Option option in options)
            command.Options.Add(option);
    }

    /// <summary>
    /// The options the user gave (range checks are the caller's, with <see cref="Flags"/>). Throws
    /// <see cref="UserInputException"/> when the notebook policy is combined with an option it does not honour.
    /// </summary>
    public DynamicsOptions Bind(ParseResult result)
    {
        var options = new DynamicsOptions
        {
            Policy = EnumWords.Parse<DynamicsPolicy>(result.GetValue(_policy)!),
            Collapse = new CollapseOptions
            {
                Sparsity = result.GetValue(_sparsity), Scope = EnumWords.Parse<CollapseScope>(result.GetValue(_scope)!),
                IncludeBiases = result.GetValue(_includeBiases),
            },
            Surge = new SurgeOptions
            {
                RecoveryFactor = result.GetValue(_recovery), Strategy = EnumWords.Parse<SurgeStrategy>(result.GetValue(_regrow)!),
                Fraction = result.GetValue(_regrowFraction),
            },
            Schedule = new ScheduleOptions { CollapseEvery = result.GetValue(_collapseEvery), SurgeEvery = result.GetValue(_surgeEvery) },
            Adaptive = new AdaptiveOptions
            {
                HighEntropy = result.GetValue(_highEntropy), LowEntropy = result.GetValue(_lowEntropy), Interval = result.GetValue(_interval),
                PumpSigma = result.GetValue(_pumpSigma), MaxSigma = result.GetValue(_maxSigma), PumpHalfLifeSteps = result.GetValue(_pumpHalfLife),
                PlateauEpsilon = result.GetValue(_plateauEpsilon), PlateauWindowSteps = result.GetValue(_plateauWindow),
                CooldownSteps = result.GetValue(_cooldown),
            },
            Entropy = new EntropyOptions
            {
                Bins = result.GetValue(_bins), Range = EnumWords.Parse<HistogramRange>(result.GetValue(_range)!), Low = result.GetValue(_low),
                High = result.GetValue(_high), Unit = EnumWords.Parse<EntropyUnit>(result.GetValue(_unit)!), MillerMadow = result.GetValue(_millerMadow),
            },
        };
        if (options.Policy == DynamicsPolicy.Notebook)
        {
            RejectForNotebook(result, _scope, options.Collapse.Scope != CollapseScope.PerTensor);
            RejectForNotebook(result, _includeBiases, true);
            RejectForNotebook(result, _regrow, options.Surge.Strategy != SurgeStrategy.Noise);
        }

        return options;
    }

    /// <summary>The notebook prunes per tensor, biases included, and re-seeds every zero: a user asking otherwise is told so.</summary>
    private static void RejectForNotebook(ParseResult result, Option option, bool conflicts)
    {
        if (conflicts && result.GetResult(option) is { Implicit: false } given)
        {
            string typed = string.Join(' ', [option.Name, .. given.Tokens.Select(token => token.Value)]);
            throw new UserInputException(
                $"{typed}: the notebook policy always prunes per tensor, biases included, and re-seeds every zero; " +
                "use --policy scheduled to choose the scope, biases or regrowth");
        }
    }

    private static Option<T> Declare<T>(string property, T defaultValue, string description) =>
        new(Flags[property]) { Description = description, DefaultValueFactory = _ => defaultValue };

    private static Option<string> Word<TEnum>(string property, TEnum defaultValue, string description)
        where TEnum : struct, Enum
    {
        Option<string> option = Declare(property, EnumWords.Of(defaultValue), description);
        option.AcceptOnlyFromAmong(EnumWords.All<TEnum>());
        return option;
    }
}
