using System;
#if NET
using System.Numerics;
#endif
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Kernels;

/// <summary>Operations between two parameter-shaped blocks of networks of the same type.</summary>
internal static class BlockKernels
{
    /// <summary>
    /// <c>destination = tau * source + (1 - tau) * destination</c>, element by element. Written so that <c>tau = 1</c> copies
    /// exactly and <c>tau = 0</c> leaves <paramref name="destination"/> as it was; zero padding stays zero.
    /// </summary>
    /// <param name="source">The block moved towards.</param>
    /// <param name="destination">The block that moves; as long as <paramref name="source"/>.</param>
    /// <param name="tau">The weight of <paramref name="source"/>, in [0, 1].</param>
    public static void Interpolate(ReadOnlySpan<float> source, Span<float> destination, float tau)
    {
        if (tau == 1f)
        {
            source.CopyTo(destination);
            return;
        }

        if (tau == 0f)
        {
            return;
        }

        float keep = 1f - tau;
        int i = 0;
        int length = source.Length;
        ref float s = ref MemoryMarshal.GetReference(source);
        ref float d = ref MemoryMarshal.GetReference(destination);
#if NET
        if (Vector.IsHardwareAccelerated)
        {
            var weight = new Vector<float>(tau);
            var rest = new Vector<float>(keep);
            for (; i <= length - Vector<float>.Count; i += Vector<float>.Count)
            {
                ref float target = ref Unsafe.Add(ref d, i);
                Vector<float> moved = (Vector.LoadUnsafe(ref s, (nuint)i) * weight) + (Vector.LoadUnsafe(ref target) * rest);
                moved.StoreUnsafe(ref target);
            }
        }
#endif

        for (; i < length; i++)
        {
            ref float target = ref Unsafe.Add(ref d, i);
            target = (Unsafe.Add(ref s, i) * tau) + (target * keep);
        }
    }
}
