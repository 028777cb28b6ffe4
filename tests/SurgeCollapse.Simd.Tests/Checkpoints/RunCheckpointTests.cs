using SurgeCollapse.Simd.Checkpoints;
using SurgeCollapse.Simd.Data;
using SurgeCollapse.Simd.Dynamics;
using SurgeCollapse.Simd.Noise;
using SurgeCollapse.Simd.Sparsity;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Checkpoints;

/// <summary>
/// Saving a dynamics run after N steps, loading it into a run built from another seed and training M more steps gives
/// the losses, events and final state of N + M uninterrupted steps, bit for bit, for every policy, on vector and token
/// data; and each part of the run state is needed for that (the controls).
/// </summary>
public sealed class RunCheckpointTests : IDisposable
{
    // 9,000 ar training samples make 141 batches of 64 an epoch: the save at 150 is in the second epoch, and the
    // resumed run reshuffles at 282 for the third. The schedule (collapse every 40 steps, surge every 80) acts on both
    // sides of the save, the adaptive checks (K = 10, C = 50) at 9, 69, 129 and 189, 249 (rules 1 and 2) or, once the
    // window of 100 is full, at 99 and 159, 219, 279 (plateau), so the resumed run starts inside a cool-down.
    private const int N = 150, M = 140;
    private const ulong Seed = 42, OtherSeed = 7;

    internal static readonly Lazy<ArDataSource> ArData = new(() => new ArDataSource(new ArDataOptions { Seed = Seed }));
    internal static readonly Lazy<MarkovDataSource> MarkovData = new(TokenRun.Data);

    private readonly string _directory = Directory.CreateTempSubdirectory("run-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    public static TheoryData<string> Configurations =>
        ["baseline", "notebook", "scheduled", "scheduled-gradient", "scheduled-random-global", "adaptive-high", "adaptive-pump", "adaptive-pump-sigma0", "adaptive-plateau"];

    /// <summary>Input noise σ of a configuration: without it the pump draws from its own stream instead of scaling the batch's noise.</summary>
    private static double SigmaOf(string configuration) => configuration == "adaptive-pump-sigma0" ? 0 : 0.1;

    internal static DynamicsOptions OptionsOf(string configuration, int cooldownSteps = 50)
    {
        var schedule = new ScheduleOptions { CollapseEvery = 40, SurgeEvery = 80 };
        return configuration switch
        {
            "baseline" => new DynamicsOptions(),
            "notebook" => new DynamicsOptions { Policy = DynamicsPolicy.Notebook, Schedule = schedule },
            "scheduled" => new DynamicsOptions { Policy = DynamicsPolicy.Scheduled, Schedule = schedule },
            "scheduled-gradient" => new DynamicsOptions
            {
                Policy = DynamicsPolicy.Scheduled, Schedule = schedule,
                Surge = new SurgeOptions { Strategy = SurgeStrategy.Gradient, Fraction = 0.5 },
            },
            "scheduled-random-global" => new DynamicsOptions
            {
                Policy = DynamicsPolicy.Scheduled, Schedule = schedule,
                Collapse = new CollapseOptions { Scope = CollapseScope.Global, IncludeBiases = true },
                Surge = new SurgeOptions { Strategy = SurgeStrategy.Random, Fraction = 0.3 },
            },
            "adaptive-high" => Adaptive(new AdaptiveOptions { HighEntropy = 0, LowEntropy = 0, CooldownSteps = cooldownSteps }),
            "adaptive-pump" or "adaptive-pump-sigma0" => Adaptive(new AdaptiveOptions { HighEntropy = 1, LowEntropy = 1, CooldownSteps = cooldownSteps }),
            "adaptive-plateau" => Adaptive(new AdaptiveOptions { HighEntropy = 1, LowEntropy = 0, PlateauEpsilon = 1, CooldownSteps = cooldownSteps }),
            _ => throw new ArgumentOutOfRangeException(nameof(configuration), configuration, null),
        };
    }

    private static DynamicsOptions Adaptive(AdaptiveOptions adaptive) => new() { Policy = DynamicsPolicy.Adaptive, Adaptive = adaptive };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Resuming_a_vector_run_equals_the_uninterrupted_run_bit_for_bit(string configuration)
    {
        (ResumableRun uninterrupted, ResumableRun first, ResumableRun resumed) = Resume(
            seed => new VectorRun(OptionsOf(configuration), seed, ArData.Value, SigmaOf(configuration)), N, M, PathOf("run.safetensors"));

        Assert.Equal(1, first.Schedule.Epoch); // the save falls in the second epoch
        Assert.Equal(2, resumed.Schedule.Epoch); // and the resumed run reaches the third
        if (configuration != "baseline")
        {
            Assert.NotEmpty(first.Events);
            Assert.NotEmpty(resumed.Events);
        }

        Assert.Null(Difference(uninterrupted, first, resumed));
    }

    [Theory]
    [InlineData("scheduled-random-global", false)]
    [InlineData("scheduled-random-global", true)]
    [InlineData("adaptive-pump", false)]
    [InlineData("adaptive-plateau", false)]
    public void Resuming_a_token_run_equals_the_uninterrupted_run_bit_for_bit(string configuration, bool samplerOwnsNoise)
    {
        // 29 batches an epoch: the save at 40 is in the second epoch, the resumed run ends in the third. A cool-down
        // of 15 steps puts adaptive checks at 9, 29 | 49, 69 (plateau: at 99 only, so the window is what matters).
        const int TokenN = 40, TokenM = 70;
        (ResumableRun uninterrupted, ResumableRun first, ResumableRun resumed) = Resume(
            seed => new TokenRun(OptionsOf(configuration, cooldownSteps: 15), seed, MarkovData.Value, samplerOwnsNoise), TokenN, TokenM, PathOf("token.safetensors"));

        Assert.Equal(1, first.Schedule.Epoch);
        Assert.Equal(3, resumed.Schedule.Epoch);
        Assert.NotEmpty(resumed.Events);
        if (configuration != "adaptive-plateau")
            Assert.NotEmpty(first.Events);
        Assert.Null(Difference(uninterrupted, first, resumed));
    }

    public static TheoryData<string, string> Parts => new()
    {
        { "baseline", "sampler order and position" },
        { "baseline", "sampler shuffle generator" },
        { "baseline", "input noise stream" },
        { "scheduled", "surge noise stream" },
        { "scheduled-random-global", "surge choice generator" },
        { "adaptive-pump-sigma0", "entropy pump stream" },
        { "adaptive-pump", "controller" },
        { "adaptive-plateau", "controller" },
        { "adaptive-high", "trainer step count" },
    };

    /// <summary>
    /// The controls: the same resume, but one part of the state put back to what a fresh run of another seed holds —
    /// the comparison must then find a difference, or it would pass whether or not that part is restored.
    /// </summary>
    [Theory]
    [MemberData(nameof(Parts))]
    public void Resuming_without_one_part_of_the_run_state_diverges(string configuration, string part)
    {
        (ResumableRun uninterrupted, ResumableRun first, ResumableRun resumed) = Resume(
            seed => new VectorRun(OptionsOf(configuration), seed, ArData.Value, SigmaOf(configuration)), N, M, PathOf("control.safetensors"),
            (resumed, fresh) => Forget(part, resumed, fresh));

        Assert.NotNull(Difference(uninterrupted, first, resumed));
    }

    private static void Forget(string part, ResumableRun resumed, ResumableRun fresh)
    {
        switch (part)
        {
            case "sampler order and position":
                var kept = resumed.Schedule.ExportState();
                resumed.Schedule.ImportState(fresh.Schedule.ExportState() with { Random = kept.Random, Epoch = kept.Epoch, Step = kept.Step });
                break;
            case "sampler shuffle generator":
                resumed.Schedule.ImportState(resumed.Schedule.ExportState() with { Random = new Xoshiro256(OtherSeed) });
                break;
            case "input noise stream":
                resumed.Pool.InputNoise.Position = 0;
                break;
            case "surge noise stream":
                resumed.Pool.Surge.Position = 0;
                break;
            case "entropy pump stream":
                resumed.Pool.EntropyPump.Position = 0;
                break;
            case "surge choice generator":
                resumed.Trainer.ImportState(resumed.Trainer.ExportState() with { Random = fresh.Trainer.ExportState().Random });
                break;
            case "controller":
                resumed.Trainer.Controller!.ImportState(fresh.Trainer.Controller!.ExportState());
                break;
            case "trainer step count":
                // Adaptive checks fall on (step + 1) % K == 0: a step count off by 5 moves every later action.
                resumed.Trainer.ImportState(resumed.Trainer.ExportState() with { StepCount = N + 5 });
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(part), part, null);
        }
    }

    /// <summary>
    /// Runs N + M steps uninterrupted; N steps, saved; a run of another seed loaded from it (then <paramref name="tamper"/>ed,
    /// given a fresh run of that seed) for M steps.
    /// </summary>
    internal static (ResumableRun Uninterrupted, ResumableRun First, ResumableRun Resumed) Resume(
        Func<ulong, ResumableRun> create, int n, int m, string path, Action<ResumableRun, ResumableRun>? tamper = null)
    {
        ResumableRun uninterrupted = create(Seed);
        uninterrupted.Steps(n + m);

        ResumableRun first = create(Seed);
        first.Steps(n);
        first.Save(path, new Dictionary<string, string> { ["seed"] = "42" });

        ResumableRun resumed = create(OtherSeed);
        IReadOnlyDictionary<string, string> metadata = resumed.Load(path);
        Assert.Equal("42", metadata["seed"]);
        tamper?.Invoke(resumed, create(OtherSeed));
        resumed.Steps(m);
        return (uninterrupted, first, resumed);
    }

    /// <summary>
    /// The first way in which the saved and resumed halves differ from the uninterrupted run — losses, events, weights,
    /// masks, optimizer state, step counters, controller — compared bit for bit; null when they do not.
    /// </summary>
    internal static string? Difference(ResumableRun uninterrupted, ResumableRun first, ResumableRun resumed)
    {
        float[] losses = [.. first.Losses, .. resumed.Losses];
        for (int i = 0; i < losses.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(losses[i]) != BitConverter.SingleToInt32Bits(uninterrupted.Losses[i]))
                return $"loss of step {i}: expected {uninterrupted.Losses[i]:R}, got {losses[i]:R}";
        }

        DynamicsEvent[] events = [.. first.Events, .. resumed.Events];
        if (!events.SequenceEqual(uninterrupted.Events))
            return $"events: expected [{string.Join("; ", uninterrupted.Events)}], got [{string.Join("; ", events)}]";

        SurgeCollapseTrainer expected = uninterrupted.Trainer, actual = resumed.Trainer;
        for (int i = 0; i < expected.Trainer.Model.Parameters.Count; i++)
        {
            string name = expected.Trainer.Model.Parameters[i].Name;
            if (FirstDifference(expected.Trainer.Model.Parameters[i].Value, actual.Trainer.Model.Parameters[i].Value) is { } value)
                return $"{name}: {value}";
            if (expected.WorkingMasks is { } masks && masks.IsMasked(i) && FirstDifference(masks.Keep(i), actual.WorkingMasks!.Keep(i)) is { } mask)
                return $"{name} mask: {mask}";
            for (int s = 0; s < expected.Trainer.Optimizer.StateNames.Count; s++)
            {
                if (FirstDifference(expected.Trainer.Optimizer.GetState(i, s), actual.Trainer.Optimizer.GetState(i, s)) is { } state)
                    return $"{name} {expected.Trainer.Optimizer.StateNames[s]}: {state}";
            }
        }

        if ((expected.StepCount, expected.Trainer.Optimizer.StepCount, uninterrupted.Schedule.Step, uninterrupted.Schedule.Epoch) !=
            (actual.StepCount, actual.Trainer.Optimizer.StepCount, resumed.Schedule.Step, resumed.Schedule.Epoch))
            return "step counters";
        if (expected.ExportState() != actual.ExportState())
            return $"trainer state: expected {expected.ExportState()}, got {actual.ExportState()}";
        if (expected.Controller is { } controller)
        {
            AdaptiveControllerState left = controller.ExportState(), right = actual.Controller!.ExportState();
            if (left with { Window = [] } != right with { Window = [] } || !left.Window.SequenceEqual(right.Window))
                return $"controller: expected {left}, got {right}";
        }

        return null;
    }

    private static string? FirstDifference(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                return $"[{i}]: expected {expected[i]:R}, got {actual[i]:R}";
        }

        return expected.Length == actual.Length ? null : $"{expected.Length} values, got {actual.Length}";
    }
}
