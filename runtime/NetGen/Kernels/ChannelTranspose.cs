#if NET
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Kernels;

/// <summary>
/// Moves values between the lanes of several vectors for the convolution kernels of generated networks: a register tile
/// that holds output positions in its lanes (one vector per channel) stored into channels-last rows, where each position's
/// channels are contiguous, so that a convolution with few filters computes with every lane of a vector.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ChannelTranspose
{
    // The vpermt2ps indices are written where they are used: a constant vector there is a constant of the kernel that inlines the
    // method, where a static field would cost the kernel a check that the class is initialised (and the spills around its call).

    /// <summary>
    /// Writes 16 consecutive positions of a row with 16 floats per position: position <c>p</c> gets channels
    /// <c>c0[p], ..., c7[p]</c> in its first 8 floats and zeros in the other 8 (the padding of a layer with at most 8 channels).
    /// </summary>
    /// <param name="y">The first position's first channel.</param>
    /// <param name="c0">Channel 0 of the 16 positions, lane p for position p.</param>
    /// <param name="c1">Channel 1.</param>
    /// <param name="c2">Channel 2.</param>
    /// <param name="c3">Channel 3.</param>
    /// <param name="c4">Channel 4.</param>
    /// <param name="c5">Channel 5.</param>
    /// <param name="c6">Channel 6.</param>
    /// <param name="c7">Channel 7.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store16x8(
        ref float y,
        Vector512<float> c0,
        Vector512<float> c1,
        Vector512<float> c2,
        Vector512<float> c3,
        Vector512<float> c4,
        Vector512<float> c5,
        Vector512<float> c6,
        Vector512<float> c7)
        => Store16x8(ref y, ref Unsafe.Add(ref y, 128), c0, c1, c2, c3, c4, c5, c6, c7);

    /// <summary>
    /// <see cref="Store16x8(ref float, Vector512{float}, Vector512{float}, Vector512{float}, Vector512{float}, Vector512{float}, Vector512{float}, Vector512{float}, Vector512{float})"/>
    /// for a tile whose lanes hold 8 positions of two rows: lanes 0 to 7 are written from <paramref name="first"/> on, lanes 8 to 15
    /// from <paramref name="second"/> on, each position with 16 floats.
    /// </summary>
    /// <param name="first">The first channel of the position in lane 0.</param>
    /// <param name="second">The first channel of the position in lane 8.</param>
    /// <param name="c0">Channel 0 of the 16 positions, lane p for position p.</param>
    /// <param name="c1">Channel 1.</param>
    /// <param name="c2">Channel 2.</param>
    /// <param name="c3">Channel 3.</param>
    /// <param name="c4">Channel 4.</param>
    /// <param name="c5">Channel 5.</param>
    /// <param name="c6">Channel 6.</param>
    /// <param name="c7">Channel 7.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store16x8(
        ref float first,
        ref float second,
        Vector512<float> c0,
        Vector512<float> c1,
        Vector512<float> c2,
        Vector512<float> c3,
        Vector512<float> c4,
        Vector512<float> c5,
        Vector512<float> c6,
        Vector512<float> c7)
        => Store16x8(ref first, ref Unsafe.Add(ref first, 64), ref second, ref Unsafe.Add(ref second, 64), c0, c1, c2, c3, c4, c5, c6, c7);

    /// <summary>
    /// <see cref="Store16x8(ref float, Vector512{float}, Vector512{float}, Vector512{float}, Vector512{float}, Vector512{float}, Vector512{float}, Vector512{float}, Vector512{float})"/>
    /// for a tile whose lanes hold 4 positions of four rows: lanes <c>4k</c> to <c>4k + 3</c> (128-bit block <c>k</c>) are written from
    /// the <c>k</c>-th destination on, each position with 16 floats.
    /// </summary>
    /// <param name="block0">The first channel of the position in lane 0.</param>
    /// <param name="block1">The first channel of the position in lane 4.</param>
    /// <param name="block2">The first channel of the position in lane 8.</param>
    /// <param name="block3">The first channel of the position in lane 12.</param>
    /// <param name="c0">Channel 0 of the 16 positions, lane p for position p.</param>
    /// <param name="c1">Channel 1.</param>
    /// <param name="c2">Channel 2.</param>
    /// <param name="c3">Channel 3.</param>
    /// <param name="c4">Channel 4.</param>
    /// <param name="c5">Channel 5.</param>
    /// <param name="c6">Channel 6.</param>
    /// <param name="c7">Channel 7.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store16x8(
        ref float block0,
        ref float block1,
        ref float block2,
        ref float block3,
        Vector512<float> c0,
        Vector512<float> c1,
        Vector512<float> c2,
        Vector512<float> c3,
        Vector512<float> c4,
        Vector512<float> c5,
        Vector512<float> c6,
        Vector512<float> c7)
    {
        // Within each 128-bit block k (positions 4k to 4k + 3): pairs of channels interleaved, then quadruples, so that
        // q{j} holds channels 0-3 and r{j} channels 4-7 of position 4k + j in block k.
        Vector512<float> t0 = Avx512F.UnpackLow(c0, c1), t1 = Avx512F.UnpackHigh(c0, c1);
        Vector512<float> t2 = Avx512F.UnpackLow(c2, c3), t3 = Avx512F.UnpackHigh(c2, c3);
        Vector512<float> t4 = Avx512F.UnpackLow(c4, c5), t5 = Avx512F.UnpackHigh(c4, c5);
        Vector512<float> t6 = Avx512F.UnpackLow(c6, c7), t7 = Avx512F.UnpackHigh(c6, c7);
        Vector512<float> q0 = Avx512F.Shuffle(t0, t2, 0x44), q1 = Avx512F.Shuffle(t0, t2, 0xEE);
        Vector512<float> q2 = Avx512F.Shuffle(t1, t3, 0x44), q3 = Avx512F.Shuffle(t1, t3, 0xEE);
        Vector512<float> r0 = Avx512F.Shuffle(t4, t6, 0x44), r1 = Avx512F.Shuffle(t4, t6, 0xEE);
        Vector512<float> r2 = Avx512F.Shuffle(t5, t7, 0x44), r3 = Avx512F.Shuffle(t5, t7, 0xEE);
        StorePositions(ref block0, ref block1, ref block2, ref block3, 0, q0, r0);
        StorePositions(ref block0, ref block1, ref block2, ref block3, 1, q1, r1);
        StorePositions(ref block0, ref block1, ref block2, ref block3, 2, q2, r2);
        StorePositions(ref block0, ref block1, ref block2, ref block3, 3, q3, r3);
    }

    /// <summary>
    /// The inverse of <see cref="Store16x8(ref float, Vector512{float}, Vector512{float}, Vector512{float}, Vector512{float}, Vector512{float}, Vector512{float}, Vector512{float}, Vector512{float})"/>: reads the first 8 channels of 16 consecutive positions of a row with 16 floats per
    /// position, and gives one vector per channel with position <c>p</c> in lane <c>p</c>.
    /// </summary>
    /// <param name="y">The first position's first channel.</param>
    /// <param name="c0">Channel 0 of the 16 positions.</param>
    /// <param name="c1">Channel 1.</param>
    /// <param name="c2">Channel 2.</param>
    /// <param name="c3">Channel 3.</param>
    /// <param name="c4">Channel 4.</param>
    /// <param name="c5">Channel 5.</param>
    /// <param name="c6">Channel 6.</param>
    /// <param name="c7">Channel 7.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Load16x8(
        ref float y,
        out Vector512<float> c0,
        out Vector512<float> c1,
        out Vector512<float> c2,
        out Vector512<float> c3,
        out Vector512<float> c4,
        out Vector512<float> c5,
        out Vector512<float> c6,
        out Vector512<float> c7)
    {
        // q{j} holds channels 0-3 and r{j} channels 4-7 of position 4k + j in its 128-bit block k (as Store16x8 builds them).
        LoadPositions(ref y, 0, out Vector512<float> q0, out Vector512<float> r0);
        LoadPositions(ref y, 1, out Vector512<float> q1, out Vector512<float> r1);
        LoadPositions(ref y, 2, out Vector512<float> q2, out Vector512<float> r2);
        LoadPositions(ref y, 3, out Vector512<float> q3, out Vector512<float> r3);
        Vector512<float> t0 = Avx512F.UnpackLow(q0, q1), t1 = Avx512F.UnpackHigh(q0, q1);
        Vector512<float> t2 = Avx512F.UnpackLow(q2, q3), t3 = Avx512F.UnpackHigh(q2, q3);
        c0 = Avx512F.Shuffle(t0, t2, 0x44);
        c1 = Avx512F.Shuffle(t0, t2, 0xEE);
        c2 = Avx512F.Shuffle(t1, t3, 0x44);
        c3 = Avx512F.Shuffle(t1, t3, 0xEE);
        Vector512<float> t4 = Avx512F.UnpackLow(r0, r1), t5 = Avx512F.UnpackHigh(r0, r1);
        Vector512<float> t6 = Avx512F.UnpackLow(r2, r3), t7 = Avx512F.UnpackHigh(r2, r3);
        c4 = Avx512F.Shuffle(t4, t6, 0x44);
        c5 = Avx512F.Shuffle(t4, t6, 0xEE);
        c6 = Avx512F.Shuffle(t5, t7, 0x44);
        c7 = Avx512F.Shuffle(t5, t7, 0xEE);
    }

    /// <summary>The first 8 channels of positions j, 4 + j, 8 + j and 12 + j: channels 0-3 of position 4k + j into block k of
    /// <paramref name="q"/>, channels 4-7 into block k of <paramref name="r"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadPositions(ref float y, nuint j, out Vector512<float> q, out Vector512<float> r)
    {
        nuint p = j * 16;
        Vector512<float> low = Vector512.Create(Vector256.LoadUnsafe(ref y, p), Vector256.LoadUnsafe(ref y, p + 64));
        Vector512<float> high = Vector512.Create(Vector256.LoadUnsafe(ref y, p + 128), Vector256.LoadUnsafe(ref y, p + 192));
        // The first and the second 128-bit half of each 256-bit half of the two sources, in order.
        q = Avx512F.PermuteVar16x32x2(low, Vector512.Create(0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27), high);
        r = Avx512F.PermuteVar16x32x2(low, Vector512.Create(4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31), high);
    }

    /// <summary>Positions j, 4 + j, 8 + j and 12 + j: block k of <paramref name="q"/> and of <paramref name="r"/> side by side, then zeros,
    /// each from its block's destination on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StorePositions(ref float block0, ref float block1, ref float block2, ref float block3, nuint j, Vector512<float> q, Vector512<float> r)
    {
        // 128-bit blocks 0 and 1 of q each followed by the same block of r, and blocks 2 and 3 likewise.
        Vector512<float> low = Avx512F.PermuteVar16x32x2(q, Vector512.Create(0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23), r);
        Vector512<float> high = Avx512F.PermuteVar16x32x2(q, Vector512.Create(8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31), r);
        Vector256<float> zero = Vector256<float>.Zero;
        nuint p = j * 16;
        low.GetLower().StoreUnsafe(ref block0, p);
        zero.StoreUnsafe(ref block0, p + 8);
        low.GetUpper().StoreUnsafe(ref block1, p);
        zero.StoreUnsafe(ref block1, p + 8);
        high.GetLower().StoreUnsafe(ref block2, p);
        zero.StoreUnsafe(ref block2, p + 8);
        high.GetUpper().StoreUnsafe(ref block3, p);
        zero.StoreUnsafe(ref block3, p + 8);
    }
}
#endif
