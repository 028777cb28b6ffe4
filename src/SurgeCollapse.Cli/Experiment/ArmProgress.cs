namespace SurgeCollapse.Cli.Experiment;

/// <summary>A progress report of one running arm: where it is and what its latest step measured.</summary>
internal readonly record struct ArmProgress(int Step, int TotalSteps, float Loss, double ActivationEntropy);
