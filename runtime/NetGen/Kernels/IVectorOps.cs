using System.Runtime.CompilerServices;

namespace NetGen.Kernels;

/// <summary>
/// The operations the shared kernels need from one vector width. The kernels are written once,
/// generic over this interface, and the JIT specialises them for each width
/// (<see cref="Vector512Ops"/>, <see cref="Vector256Ops"/>, <see cref="Vector128Ops"/>, <see cref="ScalarOps"/>).
/// A mask is a vector whose lanes are all ones (true) or all zeros (false).
/// </summary>
internal interface IVectorOps<TVec>
    where TVec : struct
{
    static abstract int Count { get; }

    static abstract TVec Create(float value);

    static abstract TVec Load(ref float source, nuint offset);

    static abstract void Store(TVec value, ref float destination, nuint offset);

    static abstract TVec Add(TVec left, TVec right);

    static abstract TVec Subtract(TVec left, TVec right);

    static abstract TVec Multiply(TVec left, TVec right);

    static abstract TVec Divide(TVec left, TVec right);

    /// <summary><c>a * b + c</c>, fused where the machine can.</summary>
    static abstract TVec MultiplyAdd(TVec a, TVec b, TVec c);

    static abstract TVec Max(TVec left, TVec right);

    static abstract TVec Min(TVec left, TVec right);

    static abstract TVec Abs(TVec value);

    static abstract TVec Sqrt(TVec value);

    static abstract TVec GreaterThan(TVec left, TVec right);

    static abstract TVec LessThan(TVec left, TVec right);

    static abstract TVec IsNaN(TVec value);

    static abstract TVec Select(TVec mask, TVec ifTrue, TVec ifFalse);

    static abstract TVec And(TVec left, TVec right);

    /// <summary>Rounds to the nearest integer (ties to even); valid for |x| &lt; 2^22.</summary>
    static abstract TVec RoundToInteger(TVec value);

    /// <summary><c>2^n</c> for integral <c>n</c> in [-126, 127].</summary>
    static abstract TVec PowerOfTwo(TVec n);

    static abstract float Sum(TVec value);
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
