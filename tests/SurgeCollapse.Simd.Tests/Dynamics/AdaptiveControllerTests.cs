using SurgeCollapse.Simd.Dynamics;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Dynamics;

public sealed class AdaptiveControllerTests
{
    private static readonly AdaptiveOptions Defaults = new() { HighEntropy = 0.9, LowEntropy = 0.3 };

    /// <summary>Runs a scripted entropy sequence and returns the steps at which each action happened.</summary>
    private static List<(long Step, DynamicsAction Action, DynamicsRule Rule)> Run(AdaptiveController controller, int steps, Func<long, double> entropy)
    {
        var actions = new List<(long, DynamicsAction, DynamicsRule)>();
        for (long step = 0; step < steps; step++)
        {
            DynamicsAction action = controller.Observe(step, entropy(step));
            if (action != DynamicsAction.None)
                actions.Add((step, action, controller.LastRule));
        }

        return actions;
    }

    /// <summary>Alternates around 0.5 so h̄ keeps moving (±0.005 ≫ ε): no plateau, no threshold crossed.</summary>
    private static double Lively(long step) => step % 2 == 0 ? 0.4 : 0.6;

    [Fact]
    public void High_entropy_collapses_and_surges_every_K_steps_outside_the_cooldown()
    {
        var actions = Run(new AdaptiveController(Defaults, 0.1), 200, _ => 0.95);
        // First read at step 9 ((step + 1) % 10 == 0); then 50 quiet steps (10..59), so the next reads that may fire
        // are 69, 129, 189.
        Assert.Equal([9L, 69L, 129L, 189L], actions.Select(a => a.Step));
        Assert.All(actions, a => Assert.Equal((DynamicsAction.Collapse | DynamicsAction.Surge, DynamicsRule.HighEntropy), (a.Action, a.Rule)));
    }

    [Fact]
    public void Low_entropy_pumps_up_to_the_cap()
    {
        var controller = new AdaptiveController(Defaults with { PumpSigma = 0.2, MaxSigma = 0.5 }, baseSigma: 0.2);
        var actions = Run(controller, 140, _ => 0.1);
        Assert.Equal([9L, 69L, 129L], actions.Select(a => a.Step));
        Assert.All(actions, a => Assert.Equal((DynamicsAction.Pump, DynamicsRule.LowEntropy), (a.Action, a.Rule)));
        // 0.2 at step 9, decayed for 60 steps (0.132), plus 0.2 at 69 → capped at 0.5 − 0.2 = 0.3; the same at 129;
        // then 10 steps of decay to the last step, 139.
        Assert.Equal(0.3 * Math.Pow(2, -10 / 100.0), controller.PumpedSigma, 12);
    }

    [Fact]
    public void Pumped_noise_decays_with_the_stated_half_life()
    {
        var controller = new AdaptiveController(Defaults, baseSigma: 0.1);
        var actions = Run(controller, 10, _ => 0.1);
        Assert.Single(actions);
        Assert.Equal(0.05, controller.PumpedSigma, 15);
        for (long step = 10; step < 110; step++)
            Assert.Equal(DynamicsAction.None, controller.Observe(step, Lively(step)));
        // 100 steps = one half-life (PumpHalfLifeSteps = 100).
        Assert.Equal(0.025, controller.PumpedSigma, 12);
        Assert.Equal(0.125, controller.InputSigma, 12);
    }

    [Fact]
    public void A_flat_entropy_is_a_plateau_once_the_window_is_full()
    {
        var actions = Run(new AdaptiveController(Defaults, 0.1), 250, _ => 0.5);
        // The window needs W = 100 values (steps 0..99); then the cooldown spaces the reads: 99, 159, 219.
        Assert.Equal([99L, 159L, 219L], actions.Select(a => a.Step));
        Assert.All(actions, a => Assert.Equal((DynamicsAction.Collapse, DynamicsRule.Plateau), (a.Action, a.Rule)));
    }

    [Fact]
    public void A_lively_entropy_between_the_thresholds_fires_nothing()
    {
        Assert.Empty(Run(new AdaptiveController(Defaults, 0.1), 1000, Lively));
    }

    [Fact]
    public void The_first_rule_that_holds_wins_and_the_cooldown_suppresses_the_others()
    {
        // High entropy for 30 steps, then flat: rule 1 at 9; steps 10..59 quiet even though h̄ stays high until ~30;
        // then the flat tail is a plateau once h̄ has settled (it moves < ε over 100 steps).
        var actions = Run(new AdaptiveController(Defaults, 0.1), 400, step => step < 30 ? 0.95 : 0.5);
        Assert.Equal((9L, DynamicsRule.HighEntropy), (actions[0].Step, actions[0].Rule));
        Assert.True(actions.Skip(1).All(a => a.Step >= 60), "a rule fired inside the cooldown");
        Assert.Contains(actions, a => a.Rule == DynamicsRule.Plateau);
    }

    [Fact]
    public void Out_of_range_options_are_named()
    {
        var error = Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new AdaptiveController(Defaults with { Interval = 0 }, 0.1));
        Assert.Equal("Interval", error.ParamName);
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new AdaptiveController(Defaults with { HighEntropy = 0.2 }, 0.1));
    }
}
