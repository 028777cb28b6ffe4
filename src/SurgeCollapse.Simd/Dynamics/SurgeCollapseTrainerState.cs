using SurgeCollapse.Simd.Noise;

namespace SurgeCollapse.Simd.Dynamics;

/// <summary>
/// What a <see cref="SurgeCollapseTrainer"/> itself carries from step to step, which a run checkpoint saves; the model,
/// optimizer, masks, controller and noise streams are saved on their own. Undrained events are not part of it.
/// </summary>
/// <param name="StepCount">Steps taken.</param>
/// <param name="InputSigma">The input noise σ in effect at the last step.</param>
/// <param name="LastAction">What the policy did at the last step.</param>
/// <param name="Random">The generator of the random surge's choices.</param>
internal readonly record struct SurgeCollapseTrainerState(long StepCount, double InputSigma, DynamicsAction LastAction, Xoshiro256 Random);
