using FsCheck;
using FsCheck.Fluent;

namespace SurgeCollapse.Simd.Tests.Checkpoints;

/// <summary>A tensor to write: name, shape and values whose count matches the shape.</summary>
public sealed record TensorSample(string Name, int[] Shape, float[] Values)
{
    public override string ToString() => $"{Name} [{string.Join(",", Shape)}]";
}

/// <summary>A whole checkpoint to write: tensors with unique names, and metadata with unique keys.</summary>
public sealed record CheckpointSample(TensorSample[] Tensors, KeyValuePair<string, string>[] Metadata)
{
    public override string ToString() =>
        $"{Tensors.Length} tensors ({string.Join("; ", Tensors.Select(tensor => tensor.ToString()))}), {Metadata.Length} metadata entries";
}

/// <summary>FsCheck generators for safetensors round trips (registered with <c>[Property(Arbitrary = …)]</c>).</summary>
public static class CheckpointGenerators
{
    // Names and strings that stress JSON escaping: quotes, backslashes, control characters, non-ASCII.
    private static readonly string[] Fragments = ["weight", "bias", "mask", "é", "名前", "\"q\"", "back\\slash", "tab\t", "line\n", "<>&", "🙂", ""];

    private static Gen<string> Text => Gen.Elements(Fragments).ListOf(3).Select(parts => string.Concat(parts));

    // Any 32-bit pattern, so NaN payloads, infinities, subnormals and -0 all occur.
    private static Gen<float> AnyFloat =>
        Gen.Zip(Gen.Choose(0, 0xFFFF), Gen.Choose(0, 0xFFFF)).Select(halves => BitConverter.Int32BitsToSingle((halves.Item1 << 16) | halves.Item2));

    private static Gen<int[]> Shape => Gen.Choose(0, 3).SelectMany(rank => Gen.Choose(0, 6).ArrayOf(rank));

    private static Gen<TensorSample> Tensor(int index) =>
        from suffix in Text
        from shape in Shape
        from values in AnyFloat.ArrayOf(shape.Aggregate(1, (product, dimension) => product * dimension))
        // The index prefix keeps names unique and never equal to "__metadata__".
        select new TensorSample($"t{index}.{suffix}", shape, values);

    public static Arbitrary<CheckpointSample> Checkpoints() =>
        Arb.From(
            from tensorCount in Gen.Choose(0, 6)
            from tensors in Gen.CollectToArray(Enumerable.Range(0, tensorCount).Select(Tensor))
            from metadataCount in Gen.Choose(0, 3)
            from values in Text.ArrayOf(metadataCount)
            select new CheckpointSample(tensors, [.. values.Select((value, index) => KeyValuePair.Create($"k{index}{value}", value))]));
}
