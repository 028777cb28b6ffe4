using System.Numerics.Tensors;
using SurgeCollapse.Simd.Kernels;

namespace SurgeCollapse.Simd.Noise;

/// <summary>
/// A seeded stream of standard normal float32 values, generated with SIMD at every vector width: Threefry-4×32-20
/// counters (Random123) turned into normals by the Box–Muller transform.
/// </summary>
/// <remarks>
/// <para>
/// The stream is counter-based: value n is a function of (seed, stream id, n) alone. It is the same on every
/// instruction set and vector width, bit for bit, and whether the values were drawn in one call or in many; setting
/// <see cref="Position"/> jumps anywhere in the stream at no cost. Different stream ids of one seed, and different
/// seeds, give independent streams.
/// </para>
/// <para>
/// Values lie within ±6.66 (the largest radius the 32-bit uniforms reach), so the tails beyond 6.66σ, which have
/// probability 3·10⁻¹¹, are missing. Not for cryptography, and not thread-safe (it keeps a position). Drawing
/// allocates nothing.
/// </para>
/// </remarks>
public sealed class NormalGenerator
{
    /// <summary>Largest block of noise <see cref="AddNormal(Span{float}, float)"/> keeps on the stack (4 KiB).</summary>
    private const int AddBlockLength = 1024;

    private ThreefryKey _key;
    private long _position;

    /// <summary>Creates the stream <paramref name="stream"/> of <paramref name="seed"/>, positioned at its start.</summary>
    /// <param name="seed">Any 64-bit seed, 0 included.</param>
    /// <param name="stream">Any 64-bit stream id; see <see cref="RandomPurpose"/> for those of a training run.</param>
    public NormalGenerator(ulong seed, ulong stream = 0)
    {
        Seed = seed;
        Stream = stream;
        _key = new ThreefryKey(seed, stream);
    }

    /// <summary>The seed the stream was created from (or restored to, by a run checkpoint).</summary>
    public ulong Seed { get; private set; }

    /// <summary>The stream id the stream was created with.</summary>
    public ulong Stream { get; }

    /// <summary>
    /// How many values have been drawn since the start of the stream: the index of the next one. Set it, for
    /// instance to a position saved with a checkpoint, to continue from there.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public long Position
    {
        get => _position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _position = value;
        }
    }

    /// <summary>
    /// Continues stream <see cref="Stream"/> of <paramref name="seed"/> from <paramref name="position"/>: what a run
    /// checkpoint saved, so that a generator created from another seed carries on the saved run's numbers.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="position"/> is negative.</exception>
    internal void Restore(ulong seed, long position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        Seed = seed;
        _key = new ThreefryKey(seed, Stream);
        _position = position;
    }

    /// <summary>Overwrites <paramref name="destination"/> with the next values of the stream, z ~ N(0, 1).</summary>
    public void FillStandardNormal(Span<float> destination) => FillStandardNormal(destination, SimdCapabilities.Widest);

    /// <summary>Overwrites <paramref name="destination"/> with <c>mean + standardDeviation·z</c>, z the next values of the stream.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mean"/> is not finite, or <paramref name="standardDeviation"/> is negative or not finite.</exception>
    public void FillNormal(Span<float> destination, float mean, float standardDeviation) =>
        FillNormal(destination, mean, standardDeviation, SimdCapabilities.Widest);

    /// <summary>
    /// Adds <c>standardDeviation·z</c> to every element of <paramref name="values"/>, z the next values of the stream
    /// (input noise). The stream advances by <c>values.Length</c> whatever σ is, even 0.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="standardDeviation"/> is negative or not finite.</exception>
    public void AddNormal(Span<float> values, float standardDeviation) => AddNormal(values, standardDeviation, SimdCapabilities.Widest);

    /// <summary>As the public overload, on the given path (tests force each one).</summary>
    internal void FillStandardNormal(Span<float> destination, SimdWidth width)
    {
        const int ChunkLength = NormalKernel.ChunkLength;
        Span<float> chunk = stackalloc float[ChunkLength];
        while (!destination.IsEmpty)
        {
            long chunkIndex = _position / ChunkLength;
            int offset = (int)(_position % ChunkLength), count;
            if (offset == 0 && destination.Length >= ChunkLength)
            {
                count = destination.Length - destination.Length % ChunkLength;
                NormalKernel.Fill(_key, chunkIndex, destination[..count], width);
            }
            else
            {
                // The stream starts or ends inside this chunk: make all of it, keep the part wanted.
                NormalKernel.Fill(_key, chunkIndex, chunk, width);
                count = Math.Min(ChunkLength - offset, destination.Length);
                chunk.Slice(offset, count).CopyTo(destination);
            }

            destination = destination[count..];
            _position += count;
        }
    }

    /// <summary>As the public overload, on the given path.</summary>
    internal void FillNormal(Span<float> destination, float mean, float standardDeviation, SimdWidth width)
    {
        if (!float.IsFinite(mean))
            throw new ArgumentOutOfRangeException(nameof(mean), mean, "must be finite");
        CheckStandardDeviation(standardDeviation);
        FillStandardNormal(destination, width);
        // (z·σ) + mean, rounded twice as written: the same bits at every width TensorPrimitives picks.
        TensorPrimitives.Multiply(destination, standardDeviation, destination);
        TensorPrimitives.Add(destination, mean, destination);
    }

    /// <summary>As the public overload, on the given path.</summary>
    internal void AddNormal(Span<float> values, float standardDeviation, SimdWidth width)
    {
        CheckStandardDeviation(standardDeviation);
        Span<float> noise = stackalloc float[AddBlockLength];
        while (!values.IsEmpty)
        {
            // Blocks after the first start on a chunk boundary, so that no chunk is generated twice.
            int count = Math.Min(values.Length, AddBlockLength - (int)(_position % NormalKernel.ChunkLength));
            FillStandardNormal(noise[..count], width);
            // MultiplyAdd is not fused (FusedMultiplyAdd is): values + z·σ rounds the same way at every width.
            TensorPrimitives.MultiplyAdd(noise[..count], standardDeviation, values[..count], values[..count]);
            values = values[count..];
        }
    }

    private static void CheckStandardDeviation(float standardDeviation)
    {
        if (!(standardDeviation >= 0 && float.IsFinite(standardDeviation)))
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "must be finite and at least 0");
    }
}
