using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Kernels;

/// <summary><see cref="IVectorOps{TVec}"/> over the 512-bit vectors of AVX-512.</summary>
internal readonly struct Vector512Ops : IVectorOps<Vector512<float>>
{
    public int Count => Vector512<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Create(float value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Load(ref float source, nuint offset) => Vector512.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(Vector512<float> value, ref float destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Add(Vector512<float> left, Vector512<float> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Subtract(Vector512<float> left, Vector512<float> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Multiply(Vector512<float> left, Vector512<float> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Divide(Vector512<float> left, Vector512<float> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Avx512F.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Max(Vector512<float> left, Vector512<float> right) => Vector512.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Min(Vector512<float> left, Vector512<float> right) => Vector512.Min(left, right);

    /// <remarks>The x86 instructions return their second operand when either is NaN, so the bound goes first.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Clamp(Vector512<float> value, float limit) => Avx512F.Min(Vector512.Create(limit), Avx512F.Max(Vector512.Create(-limit), value));

    /// <remarks>The bound goes first, as in <see cref="Clamp"/>.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> AtMost(Vector512<float> value, float bound) => Avx512F.Min(Vector512.Create(bound), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Abs(Vector512<float> value) => Vector512.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Sqrt(Vector512<float> value) => Vector512.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> GreaterThan(Vector512<float> left, Vector512<float> right) => Vector512.GreaterThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> LessThan(Vector512<float> left, Vector512<float> right) => Vector512.LessThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> IsNaN(Vector512<float> value) => ~Vector512.Equals(value, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Select(Vector512<float> mask, Vector512<float> ifTrue, Vector512<float> ifFalse) => Vector512.ConditionalSelect(mask, ifTrue, ifFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> And(Vector512<float> left, Vector512<float> right) => left & right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> RoundToInteger(Vector512<float> value)
    {
        Vector512<float> magic = Vector512.Create(12582912f); // 1.5 * 2^23: adding it leaves no fraction bits
        return (value + magic) - magic;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> PowerOfTwo(Vector512<float> n)
        => Vector512.ShiftLeft(Vector512.ConvertToInt32(n) + Vector512.Create(127), 23).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Sum(Vector512<float> value) => Vector512.Sum(value);
}
