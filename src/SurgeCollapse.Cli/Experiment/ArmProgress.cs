namespace SurgeCollapse.Cli.Experiment;

/// <summary>
/// A progress report of one running arm: where it is, where it started in this process (0, or the step a stopped run
/// resumed after) and what its latest step measured.
/// </summary>
internal readonly record struct ArmProgress(int Step, int TotalSteps, int ResumedSteps, float Loss, double ActivationEntropy);
