#if NET
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Kernels;

/// <summary>
/// Maxima of neighbouring lanes, for the convolution kernels of generated networks that pool their own output for inference calls:
/// a register tile with output positions as its lanes takes a 2 x 2 max pool of itself before it is stored, so that the convolution's
/// full-size output is never written. The maxima are <c>Vector512.Max</c>'s, as the max pool's own kernel takes them; the maximum of
/// numbers does not depend on the order it is taken in, so the pooled values have the bits of the pool's.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MaxPoolLanes
{
    // The vpermt2ps indices are written where they are used: a constant vector there is a constant of the kernel that inlines the
    // method, where a static field would cost the kernel a check that the class is initialised (and the spills around its call).

    /// <summary>The maxima of neighbouring lanes: lane <c>i &lt; 8</c> of the result is the larger of lanes <c>2i</c> and <c>2i + 1</c> of
    /// <paramref name="a"/>, lane <c>8 + i</c> the larger of those of <paramref name="b"/>. With positions as lanes, a window of 2 along
    /// a row.</summary>
    /// <param name="a">16 positions whose 8 pairs give the lower half.</param>
    /// <param name="b">16 positions whose 8 pairs give the upper half.</param>
    /// <returns>The 16 maxima.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Neighbours(Vector512<float> a, Vector512<float> b)
    {
        // The even lanes of a then of b, the odd lanes likewise.
        Vector512<float> evens = Avx512F.PermuteVar16x32x2(a, Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30), b);
        Vector512<float> odds = Avx512F.PermuteVar16x32x2(a, Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31), b);
        return Vector512.Max(evens, odds);
    }

    /// <summary>The maxima of the two halves of each vector: lane <c>i &lt; 8</c> of the result is the larger of lanes <c>i</c> and
    /// <c>8 + i</c> of <paramref name="a"/>, lane <c>8 + i</c> the larger of those of <paramref name="b"/>. With 8 positions of two
    /// rows in each vector, a window of 2 across the rows.</summary>
    /// <param name="a">Two rows of 8 positions whose maxima give the lower half.</param>
    /// <param name="b">Two rows of 8 positions whose maxima give the upper half.</param>
    /// <returns>The 16 maxima.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Halves(Vector512<float> a, Vector512<float> b)
    {
        // The lower halves of a and b, the upper halves likewise.
        Vector512<float> lower = Avx512F.PermuteVar16x32x2(a, Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23), b);
        Vector512<float> upper = Avx512F.PermuteVar16x32x2(a, Vector512.Create(8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31), b);
        return Vector512.Max(lower, upper);
    }
}
#endif
