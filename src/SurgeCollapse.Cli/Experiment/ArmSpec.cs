using System.Globalization;
using SurgeCollapse.Simd.Dynamics;

namespace SurgeCollapse.Cli.Experiment;

/// <summary>One arm of the sweep (SPEC §8): a policy at an input-noise level, for one seed.</summary>
internal sealed record ArmSpec(DynamicsPolicy Policy, double Sigma, ulong Seed)
{
    /// <summary>The run directory's name, e.g. <c>adaptive_sigma0.05_seed1</c>.</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"{PolicyWord}_sigma{Sigma}_seed{Seed}");

    /// <summary>The policy as written in files and on the command line.</summary>
    public string PolicyWord => Policy.ToString().ToLowerInvariant();
}
