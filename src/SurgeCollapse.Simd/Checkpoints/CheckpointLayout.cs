using SurgeCollapse.Simd.Model;
using SurgeCollapse.Simd.Optimizers;
using SurgeCollapse.Simd.Sparsity;

namespace SurgeCollapse.Simd.Checkpoints;

/// <summary>
/// Every tensor a checkpoint of one model, optimizer and set of masks holds, in file order: per layer its weight,
/// bias and their masks, then the optimizer state parameter by parameter. Saving reads the buffers through it and
/// loading writes them, so the two can never disagree on a name or a shape.
/// </summary>
internal sealed class CheckpointLayout
{
    private readonly Mlp _model;
    private readonly Optimizer? _optimizer;
    private readonly SparsityMasks? _masks;

    internal CheckpointLayout(Mlp model, Optimizer? optimizer, SparsityMasks? masks)
    {
        ArgumentNullException.ThrowIfNull(model);
        IReadOnlyList<Parameter> parameters = model.Parameters;
        // State bound to another model's parameters would be saved or restored under the wrong names.
        if (optimizer is not null && !SameParameters(optimizer.Parameters, parameters))
            throw new ArgumentException("the optimizer does not update this model's parameters", nameof(optimizer));
        if (masks is not null && !SameParameters(masks.Parameters, parameters))
            throw new ArgumentException("the masks are not this model's", nameof(masks));
        _model = model;
        _optimizer = optimizer;
        _masks = masks;
        ModelDescription = $"the model [{string.Join(", ", model.Sizes)}]";
        OptimizerDescription = optimizer is null ? "no optimizer" : $"the {optimizer.GetType().Name} state";

        var tensors = new List<CheckpointTensor>();
        // Parameters come in (weight, bias) pairs, one per layer: a reader listing the file sees a layer at a time.
        for (int layer = 0; layer < parameters.Count; layer += 2)
        {
            for (int i = layer; i < layer + 2; i++)
                tensors.Add(new(parameters[i].Name, CheckpointRole.Parameter, i, 0));
            for (int i = layer; i < layer + 2 && masks is not null; i++)
            {
                if (masks.IsMasked(i))
                    tensors.Add(new(CheckpointNames.MaskOf(parameters[i]), CheckpointRole.Mask, i, 0));
            }
        }

        for (int i = 0; i < parameters.Count && optimizer is not null; i++)
        {
            for (int s = 0; s < optimizer.StateNames.Count; s++)
                tensors.Add(new(CheckpointNames.OptimizerStateOf(parameters[i], optimizer.StateNames[s]), CheckpointRole.OptimizerState, i, s));
        }

        Tensors = tensors;
    }

    /// <summary>The tensors, in the order they are written.</summary>
    internal IReadOnlyList<CheckpointTensor> Tensors { get; }

    /// <summary>"the model [4, 8, 2]", for messages.</summary>
    internal string ModelDescription { get; }

    /// <summary>"the Adam state", for messages.</summary>
    internal string OptimizerDescription { get; }

    /// <summary>The shape of a tensor: its parameter's, for the parameter itself, its mask and its optimizer state alike.</summary>
    internal IReadOnlyList<int> ShapeOf(CheckpointTensor tensor) => _model.Parameters[tensor.ParameterIndex].Shape;

    /// <summary>The buffer a tensor is saved from.</summary>
    internal ReadOnlySpan<float> ValuesOf(CheckpointTensor tensor) => tensor.Role switch
    {
        CheckpointRole.Mask => _masks!.Keep(tensor.ParameterIndex),
        CheckpointRole.OptimizerState => _optimizer!.GetState(tensor.ParameterIndex, tensor.StateIndex),
        _ => _model.Parameters[tensor.ParameterIndex].Value,
    };

    /// <summary>Overwrites the buffer a tensor is loaded into, bit for bit.</summary>
    internal void Restore(CheckpointTensor tensor, ReadOnlySpan<float> values)
    {
        switch (tensor.Role)
        {
            case CheckpointRole.Mask:
                values.CopyTo(_masks!.Keep(tensor.ParameterIndex));
                break;
            case CheckpointRole.OptimizerState:
                _optimizer!.SetState(tensor.ParameterIndex, tensor.StateIndex, values);
                break;
            default:
                values.CopyTo(_model.Parameters[tensor.ParameterIndex].Value);
                break;
        }
    }

    /// <summary>What a tensor of that name would belong to, for messages: the optimizer state, the masks or the model.</summary>
    internal string OwnerOf(string name) =>
        CheckpointNames.IsOptimizerState(name) ? OptimizerDescription
        : CheckpointNames.IsMask(name) ? "the masks"
        : ModelDescription;

    /// <summary>
    /// True for a tensor of a part the caller did not ask to restore: optimizer state without an optimizer, masks
    /// without masks, and a run's state, which <see cref="RunCheckpoint"/> reads itself. Loading weights alone (to
    /// evaluate them) is legitimate; anything else unknown is not.
    /// </summary>
    internal bool MayIgnore(string name) =>
        (_optimizer is null && CheckpointNames.IsOptimizerState(name)) || (_masks is null && CheckpointNames.IsMask(name))
        || CheckpointNames.IsRunState(name);

    private static bool SameParameters(IReadOnlyList<Parameter> left, IReadOnlyList<Parameter> right)
    {
        if (left.Count != right.Count)
            return false;
        for (int i = 0; i < left.Count; i++)
        {
            if (!ReferenceEquals(left[i], right[i]))
                return false;
        }

        return true;
    }
}
