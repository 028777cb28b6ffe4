using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SurgeCollapse.Simd.Optimizers;

/// <summary>
/// Which elements of a parameter an optimizer step takes the gradient of; the others' gradient is taken as zero, so a
/// pruned weight stays where it is. One byte per element, all ones or zero, so the update sign-extends a vector's worth
/// of them into a lane mask (one <c>vpmovsxbd</c> on AVX-512 and AVX2) and ANDs it into the gradient: a float mask would
/// add a fifth 256 KiB stream to Adam's four and cost as much as a separate masking pass, and bits take more vector
/// operations to expand.
/// </summary>
public sealed class GradientMask
{
    private readonly sbyte[] _lanes;

    /// <summary>A mask of <paramref name="length"/> elements, all kept.</summary>
    public GradientMask(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _lanes = new sbyte[length];
        _lanes.AsSpan().Fill(-1);
    }

    /// <summary>How many elements the mask covers: its parameter's length.</summary>
    public int Length => _lanes.Length;

    /// <summary>Takes the mask from <paramref name="keep"/>: an entry of 0 prunes, any other keeps.</summary>
    /// <exception cref="ArgumentException"><paramref name="keep"/>'s length differs from <see cref="Length"/>.</exception>
    public void CopyFrom(ReadOnlySpan<float> keep)
    {
        if (keep.Length != _lanes.Length)
            throw new ArgumentException($"the mask covers {_lanes.Length} elements, got {keep.Length} entries", nameof(keep));
        // A collapse rebuilds the masks of 65,536 weights: 32 at a time, compare and narrow (0 or −1 survive truncation).
        ref float k0 = ref MemoryMarshal.GetReference(keep);
        ref sbyte l0 = ref MemoryMarshal.GetArrayDataReference(_lanes);
        int i = 0;
        for (; i <= keep.Length - 32; i += 32)
        {
            Vector256<int> a = ~Vector256.Equals(Vector256.LoadUnsafe(ref k0, (nuint)i), Vector256<float>.Zero).AsInt32();
            Vector256<int> b = ~Vector256.Equals(Vector256.LoadUnsafe(ref k0, (nuint)i + 8), Vector256<float>.Zero).AsInt32();
            Vector256<int> c = ~Vector256.Equals(Vector256.LoadUnsafe(ref k0, (nuint)i + 16), Vector256<float>.Zero).AsInt32();
            Vector256<int> d = ~Vector256.Equals(Vector256.LoadUnsafe(ref k0, (nuint)i + 24), Vector256<float>.Zero).AsInt32();
            // Narrow interleaves nothing: its result holds the first argument's lanes, then the second's.
            Vector256.Narrow(Vector256.Narrow(a, b), Vector256.Narrow(c, d)).StoreUnsafe(ref l0, (nuint)i);
        }

        for (; i < keep.Length; i++)
            _lanes[i] = keep[i] == 0f ? (sbyte)0 : (sbyte)-1;
    }

    /// <summary>
    /// The lanes the kernels read for a parameter of <paramref name="length"/> elements: −1 (all bits set) keeps an
    /// element's gradient, 0 discards it; empty for no mask.
    /// </summary>
    /// <exception cref="ArgumentException">The mask covers another number of elements.</exception>
    internal static ReadOnlySpan<sbyte> LanesFor(GradientMask? mask, int length)
    {
        if (mask is not null && mask.Length != length)
            throw new ArgumentException($"the gradient mask covers {mask.Length} elements, expected {length} as param", nameof(mask));
        return mask is null ? [] : mask._lanes;
    }

    /// <summary>Whether element <paramref name="index"/>'s gradient is kept.</summary>
    public bool Keeps(int index) => _lanes[index] != 0;

    /// <summary>Lanes [<paramref name="at"/>, +16) as a vector mask: all ones where kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Lanes512(ref sbyte lanes0, nuint at)
    {
        Vector128<sbyte> bytes = Vector128.LoadUnsafe(ref lanes0, at);
        if (Avx512F.IsSupported)
            return Avx512F.ConvertToVector512Int32(bytes).AsSingle();
        (Vector128<short> low, Vector128<short> high) = Vector128.Widen(bytes);
        return Vector512.Create(Widen(low), Widen(high)).AsSingle();
    }

    /// <summary>As <see cref="Lanes512"/> for 8 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Lanes256(ref sbyte lanes0, nuint at)
    {
        Vector128<sbyte> bytes = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<long>(ref Unsafe.As<sbyte, byte>(ref Unsafe.Add(ref lanes0, at)))).AsSByte();
        return Avx2.IsSupported ? Avx2.ConvertToVector256Int32(bytes).AsSingle() : Widen(Vector128.WidenLower(bytes)).AsSingle();
    }

    /// <summary>As <see cref="Lanes512"/> for 4 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> Lanes128(ref sbyte lanes0, nuint at)
    {
        Vector128<sbyte> bytes = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<int>(ref Unsafe.As<sbyte, byte>(ref Unsafe.Add(ref lanes0, at)))).AsSByte();
        return Vector128.WidenLower(Vector128.WidenLower(bytes)).AsSingle();
    }

    private static Vector256<int> Widen(Vector128<short> values) => Vector256.Create(Vector128.WidenLower(values), Vector128.WidenUpper(values));
}
