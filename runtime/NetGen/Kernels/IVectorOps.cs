using System.Runtime.CompilerServices;

namespace NetGen.Kernels;

/// <summary>
/// The operations the shared kernels need from one vector width. The kernels are written once,
/// generic over this interface, and call its members on <c>default(TOps)</c>: each implementation is an empty struct, so
/// the JIT specialises every kernel for each width and inlines the calls, as it would static members
/// (<c>Vector512Ops</c>, <c>Vector256Ops</c>, <c>Vector128Ops</c>, <see cref="ScalarOps"/>).
/// The members are instance members rather than static abstract ones so that the same kernels compile for
/// netstandard2.1, which has only <see cref="ScalarOps"/>.
/// A mask is a vector whose lanes are all ones (true) or all zeros (false).
/// </summary>
internal interface IVectorOps<TVec>
    where TVec : struct
{
    int Count { get; }

    TVec Create(float value);

    TVec Load(ref float source, nuint offset);

    void Store(TVec value, ref float destination, nuint offset);

    TVec Add(TVec left, TVec right);

    TVec Subtract(TVec left, TVec right);

    TVec Multiply(TVec left, TVec right);

    TVec Divide(TVec left, TVec right);

    /// <summary><c>a * b + c</c>, fused where the machine can.</summary>
    TVec MultiplyAdd(TVec a, TVec b, TVec c);

    TVec Max(TVec left, TVec right);

    TVec Min(TVec left, TVec right);

    /// <summary><paramref name="value"/> limited to [-<paramref name="limit"/>, <paramref name="limit"/>], NaN staying NaN: one
    /// instruction per bound where <see cref="Min"/> and <see cref="Max"/> take three to order NaN and signed zeros as IEEE 754-2019
    /// does (AVX-512), which a clamp on a recurrent step's critical path does not need.</summary>
    TVec Clamp(TVec value, float limit);

    /// <summary>The smaller of <paramref name="value"/> and <paramref name="bound"/>, NaN staying NaN, in one instruction (see
    /// <see cref="Clamp"/>).</summary>
    TVec AtMost(TVec value, float bound);

    TVec Abs(TVec value);

    TVec Sqrt(TVec value);

    TVec GreaterThan(TVec left, TVec right);

    TVec LessThan(TVec left, TVec right);

    TVec IsNaN(TVec value);

    TVec Select(TVec mask, TVec ifTrue, TVec ifFalse);

    TVec And(TVec left, TVec right);

    /// <summary>Rounds to the nearest integer (ties to even); valid for |x| &lt; 2^22.</summary>
    TVec RoundToInteger(TVec value);

    /// <summary><c>2^n</c> for integral <c>n</c> in [-126, 127].</summary>
    TVec PowerOfTwo(TVec n);

    float Sum(TVec value);
}

/// <summary>Scalar helpers shared by the width implementations.</summary>
internal static class ScalarBits
{
    public static readonly float AllOnes = Unsafe.BitCast<int, float>(-1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Mask(bool condition) => condition ? AllOnes : 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsSet(float mask) => Unsafe.BitCast<float, int>(mask) != 0;
}
