using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Kernels;

/// <summary>Allocation of the one buffer a generated network keeps all its floats in.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NetworkMemory
{
    /// <summary>The alignment of the slab's origin, in bytes: one cache line and one AVX-512 vector.</summary>
    public const int AlignmentBytes = 64;

    /// <summary>
    /// Allocates a zeroed, pinned array of at least <paramref name="length"/> floats and finds the
    /// first element at a 64-byte boundary. The array lives on the pinned object heap, so the
    /// address, and with it the alignment, never changes.
    /// </summary>
    /// <param name="length">The floats needed from the origin on.</param>
    /// <param name="origin">The index of the first 64-byte aligned element.</param>
    public static unsafe float[] AllocateAligned(int length, out int origin)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        const int slack = AlignmentBytes / sizeof(float);
#if NET
        float[] slab = GC.AllocateArray<float>(length + slack, pinned: true);
#else
        // netstandard2.1 cannot allocate pinned: the array may move, which costs the scalar kernels nothing.
        float[] slab = new float[length + slack];
#endif
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(slab));
        nuint misalignment = address % AlignmentBytes;
        origin = misalignment == 0 ? 0 : (int)((AlignmentBytes - misalignment) / sizeof(float));
        return slab;
    }
}
