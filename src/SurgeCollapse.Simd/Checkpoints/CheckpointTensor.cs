namespace SurgeCollapse.Simd.Checkpoints;

/// <summary>One tensor of a checkpoint: its name, what it holds, and which parameter (and optimizer state buffer) it belongs to.</summary>
/// <param name="Name">The tensor's name in the file.</param>
/// <param name="Role">Parameter, mask or optimizer state.</param>
/// <param name="ParameterIndex">The parameter, an index into the model's <c>Parameters</c>.</param>
/// <param name="StateIndex">For optimizer state, the buffer, an index into the optimizer's <c>StateNames</c>; else 0.</param>
internal readonly record struct CheckpointTensor(string Name, CheckpointRole Role, int ParameterIndex, int StateIndex);
