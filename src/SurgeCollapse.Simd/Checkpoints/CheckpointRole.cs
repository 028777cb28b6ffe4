namespace SurgeCollapse.Simd.Checkpoints;

/// <summary>What a checkpoint tensor holds.</summary>
internal enum CheckpointRole
{
    /// <summary>A weight or a bias.</summary>
    Parameter,

    /// <summary>The sparsity mask of a weight or a bias.</summary>
    Mask,

    /// <summary>One optimizer state buffer of a weight or a bias.</summary>
    OptimizerState,
}
