namespace SurgeCollapse.Simd.Training;

/// <summary>The loss a trainer minimises (SPEC §1).</summary>
public enum LossKind
{
    /// <summary>Mean squared error over all elements, for vector targets.</summary>
    MeanSquaredError,
    /// <summary>Softmax cross-entropy averaged over the batch, for token targets.</summary>
    CrossEntropy,
}
