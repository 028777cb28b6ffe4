using System.Collections.Concurrent;
using SurgeCollapse.Simd.Dynamics;
using Xunit;

namespace SurgeCollapse.Simd.Tests.Dynamics;

public sealed class CalibrationTests
{
    /// <summary>
    /// SPEC §6: h_high and h_low are calibrated so that, on the default data, each adaptive rule fires within the
    /// default experiment — the adaptive arms of σ ∈ {0.05, 0.1, 0.2} × seeds 1–3, 10 epochs each, default options.
    /// </summary>
    [Fact]
    public void Each_adaptive_rule_fires_in_the_default_experiment()
    {
        var counts = new ConcurrentDictionary<(double Sigma, DynamicsRule Rule), int>();
        (double Sigma, ulong Seed)[] arms = [.. new[] { 0.05, 0.1, 0.2 }.SelectMany(sigma => new ulong[] { 1, 2, 3 }.Select(seed => (sigma, seed)))];
        Parallel.ForEach(arms, arm =>
        {
            var run = new DynamicsRun(new DynamicsOptions { Policy = DynamicsPolicy.Adaptive }, arm.Sigma, arm.Seed);
            run.Steps(10 * run.Sampler.BatchesPerEpoch);
            foreach (DynamicsEvent e in run.Trainer.Events)
            {
                if (e.Action != DynamicsAction.Surge) // rule 1 is one collapse and one surge: count it once
                    counts.AddOrUpdate((arm.Sigma, e.Rule), 1, (_, n) => n + 1);
            }
        });

        string seen = string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"σ {c.Key.Sigma} {c.Key.Rule}: {c.Value}"));
        foreach (DynamicsRule rule in (DynamicsRule[])[DynamicsRule.HighEntropy, DynamicsRule.LowEntropy, DynamicsRule.Plateau])
            Assert.True(counts.Any(c => c.Key.Rule == rule), $"{rule} never fired; fired: {seen}");
    }
}
