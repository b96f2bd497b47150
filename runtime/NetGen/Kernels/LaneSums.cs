#if NET
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Kernels;

/// <summary>
/// The sums across the lanes of several vectors, returned as one vector: lane <c>i</c> holds the sum of the lanes of <c>a{i}</c>.
/// Generated dot-product kernels end a tile of one row with these, one vector of outputs at a time, where a sum across one vector
/// on its own costs about as many instructions as this does for all of them (16 outputs of a Vector512 tile: 45 shuffles and adds
/// instead of about 480); convolution kernels sum up to 8 channels' vectors of 16 at once.
/// </summary>
/// <remarks>
/// Each lane's sum is associated as <c>VectorN.Sum</c> associates it on this runtime: within each 128-bit block
/// <c>(x0 + x1) + (x2 + x3)</c>, then the blocks <c>(B0 + B1) + (B2 + B3)</c>. So a kernel that sums one row this way and a kernel that
/// sums another row with <c>VectorN.Sum</c> give the same bits for the same data (<c>LaneSumsTests</c> compares them).
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LaneSums
{
    /// <summary>The sums across the lanes of 16 vectors of 16 floats: lane <c>i</c> of the result is the sum of <c>a{i}</c>.</summary>
    /// <param name="a0">The vector whose sum goes to lane 0.</param>
    /// <param name="a1">Lane 1's.</param>
    /// <param name="a2">Lane 2's.</param>
    /// <param name="a3">Lane 3's.</param>
    /// <param name="a4">Lane 4's.</param>
    /// <param name="a5">Lane 5's.</param>
    /// <param name="a6">Lane 6's.</param>
    /// <param name="a7">Lane 7's.</param>
    /// <param name="a8">Lane 8's.</param>
    /// <param name="a9">Lane 9's.</param>
    /// <param name="a10">Lane 10's.</param>
    /// <param name="a11">Lane 11's.</param>
    /// <param name="a12">Lane 12's.</param>
    /// <param name="a13">Lane 13's.</param>
    /// <param name="a14">Lane 14's.</param>
    /// <param name="a15">Lane 15's.</param>
    /// <returns>The 16 sums.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sum(
        Vector512<float> a0,
        Vector512<float> a1,
        Vector512<float> a2,
        Vector512<float> a3,
        Vector512<float> a4,
        Vector512<float> a5,
        Vector512<float> a6,
        Vector512<float> a7,
        Vector512<float> a8,
        Vector512<float> a9,
        Vector512<float> a10,
        Vector512<float> a11,
        Vector512<float> a12,
        Vector512<float> a13,
        Vector512<float> a14,
        Vector512<float> a15)
    {
        // Block k of u0 holds the sums of a0..a3 over their block k, u1 those of a4..a7, and so on.
        Vector512<float> u0 = Blocks(a0, a1, a2, a3);
        Vector512<float> u1 = Blocks(a4, a5, a6, a7);
        Vector512<float> u2 = Blocks(a8, a9, a10, a11);
        Vector512<float> u3 = Blocks(a12, a13, a14, a15);

        // Blocks 0 + 1 and 2 + 3 of two of them side by side, then the two halves of each vector's sum added.
        Vector512<float> v0 = Avx512F.Shuffle4x128(u0, u1, 0x88) + Avx512F.Shuffle4x128(u0, u1, 0xDD);
        Vector512<float> v1 = Avx512F.Shuffle4x128(u2, u3, 0x88) + Avx512F.Shuffle4x128(u2, u3, 0xDD);
        return Avx512F.Shuffle4x128(v0, v1, 0x88) + Avx512F.Shuffle4x128(v0, v1, 0xDD);
    }

    /// <summary>The sums across the lanes of 8 vectors of 16 floats: lane <c>i</c> of the result is the sum of <c>a{i}</c>.</summary>
    /// <param name="a0">The vector whose sum goes to lane 0.</param>
    /// <param name="a1">Lane 1's.</param>
    /// <param name="a2">Lane 2's.</param>
    /// <param name="a3">Lane 3's.</param>
    /// <param name="a4">Lane 4's.</param>
    /// <param name="a5">Lane 5's.</param>
    /// <param name="a6">Lane 6's.</param>
    /// <param name="a7">Lane 7's.</param>
    /// <returns>The 8 sums.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sum(
        Vector512<float> a0,
        Vector512<float> a1,
        Vector512<float> a2,
        Vector512<float> a3,
        Vector512<float> a4,
        Vector512<float> a5,
        Vector512<float> a6,
        Vector512<float> a7)
    {
        Vector512<float> u0 = Blocks(a0, a1, a2, a3);
        Vector512<float> u1 = Blocks(a4, a5, a6, a7);

        // Blocks 0 + 1 and 2 + 3 of each side by side, then the two halves of each vector's sum added in the lower half.
        Vector512<float> v = Avx512F.Shuffle4x128(u0, u1, 0x88) + Avx512F.Shuffle4x128(u0, u1, 0xDD);
        return (Avx512F.Shuffle4x128(v, v, 0x08) + Avx512F.Shuffle4x128(v, v, 0x0D)).GetLower();
    }

    /// <summary>The sums across the lanes of 8 vectors of 8 floats: lane <c>i</c> of the result is the sum of <c>a{i}</c>.</summary>
    /// <param name="a0">The vector whose sum goes to lane 0.</param>
    /// <param name="a1">Lane 1's.</param>
    /// <param name="a2">Lane 2's.</param>
    /// <param name="a3">Lane 3's.</param>
    /// <param name="a4">Lane 4's.</param>
    /// <param name="a5">Lane 5's.</param>
    /// <param name="a6">Lane 6's.</param>
    /// <param name="a7">Lane 7's.</param>
    /// <returns>The 8 sums.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sum(
        Vector256<float> a0,
        Vector256<float> a1,
        Vector256<float> a2,
        Vector256<float> a3,
        Vector256<float> a4,
        Vector256<float> a5,
        Vector256<float> a6,
        Vector256<float> a7)
    {
        if (Avx.IsSupported)
        {
            // Block k of p holds the sums of a0..a3 over their block k, q those of a4..a7; then the two blocks added.
            Vector256<float> p = Pairs(Pairs(a0, a1), Pairs(a2, a3));
            Vector256<float> q = Pairs(Pairs(a4, a5), Pairs(a6, a7));
            return Avx.Permute2x128(p, q, 0x20) + Avx.Permute2x128(p, q, 0x31);
        }

        return Vector256.Create(Sum(a0.GetLower(), a1.GetLower(), a2.GetLower(), a3.GetLower()) + Sum(a0.GetUpper(), a1.GetUpper(), a2.GetUpper(), a3.GetUpper()), Sum(a4.GetLower(), a5.GetLower(), a6.GetLower(), a7.GetLower()) + Sum(a4.GetUpper(), a5.GetUpper(), a6.GetUpper(), a7.GetUpper()));
    }

    /// <summary>The sums across the lanes of 4 vectors of 4 floats: lane <c>i</c> of the result is the sum of <c>a{i}</c>.</summary>
    /// <param name="a0">The vector whose sum goes to lane 0.</param>
    /// <param name="a1">Lane 1's.</param>
    /// <param name="a2">Lane 2's.</param>
    /// <param name="a3">Lane 3's.</param>
    /// <returns>The 4 sums.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sum(Vector128<float> a0, Vector128<float> a1, Vector128<float> a2, Vector128<float> a3)
    {
        if (Sse.IsSupported)
        {
            return Pairs(Pairs(a0, a1), Pairs(a2, a3));
        }

        if (AdvSimd.Arm64.IsSupported)
        {
            // faddp: the sums of adjacent lanes of the first operand, then of the second.
            return AdvSimd.Arm64.AddPairwise(AdvSimd.Arm64.AddPairwise(a0, a1), AdvSimd.Arm64.AddPairwise(a2, a3));
        }

        return Vector128.Create(Vector128.Sum(a0), Vector128.Sum(a1), Vector128.Sum(a2), Vector128.Sum(a3));
    }

    /// <summary>In each 128-bit block, the sums of four vectors' four lanes of that block, in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Blocks(Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3)
    {
        Vector512<float> t0 = Avx512F.Shuffle(a0, a1, 0x88) + Avx512F.Shuffle(a0, a1, 0xDD);
        Vector512<float> t1 = Avx512F.Shuffle(a2, a3, 0x88) + Avx512F.Shuffle(a2, a3, 0xDD);
        return Avx512F.Shuffle(t0, t1, 0x88) + Avx512F.Shuffle(t0, t1, 0xDD);
    }

    /// <summary>In each 128-bit block, lanes 0 + 1 and 2 + 3 of <paramref name="a"/>, then the same of <paramref name="b"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Pairs(Vector256<float> a, Vector256<float> b) => Avx.Shuffle(a, b, 0x88) + Avx.Shuffle(a, b, 0xDD);

    /// <summary>Lanes 0 + 1 and 2 + 3 of <paramref name="a"/>, then the same of <paramref name="b"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Pairs(Vector128<float> a, Vector128<float> b) => Sse.Shuffle(a, b, 0x88) + Sse.Shuffle(a, b, 0xDD);
}
#endif
