namespace SurgeCollapse.Simd.Dynamics;

/// <summary>One action of a policy (SPEC §6): a collapse, a surge or a pump, with the state around it.</summary>
/// <param name="Step">The 1-based number of the training step it followed (the notebook's <c>step + 1</c>).</param>
/// <param name="Rule">Why it happened.</param>
/// <param name="Action">What happened: exactly one of collapse, surge and pump.</param>
/// <param name="Entropy">The normalised activation entropy the decision saw: h̄ for the adaptive policy, the step's
/// mean over hidden layers otherwise (NaN when entropy is not tracked).</param>
/// <param name="SparsityBefore">The fraction of weight-matrix entries that were exactly zero before the action.</param>
/// <param name="SparsityAfter">The same fraction after it.</param>
/// <param name="InputSigma">The input noise σ in effect after the action (base plus pumped).</param>
/// <param name="Changed">How many values the action pruned or re-expanded (0 for a pump).</param>
public readonly record struct DynamicsEvent(
    long Step, DynamicsRule Rule, DynamicsAction Action, double Entropy, double SparsityBefore, double SparsityAfter, double InputSigma, int Changed);
