using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Kernels;

/// <summary><see cref="IVectorOps{TVec}"/> over the 256-bit vectors of AVX and AVX2.</summary>
internal readonly struct Vector256Ops : IVectorOps<Vector256<float>>
{
    public int Count => Vector256<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Create(float value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Load(ref float source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(Vector256<float> value, ref float destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Add(Vector256<float> left, Vector256<float> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Subtract(Vector256<float> left, Vector256<float> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Multiply(Vector256<float> left, Vector256<float> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Divide(Vector256<float> left, Vector256<float> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : (a * b) + c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Max(Vector256<float> left, Vector256<float> right) => Vector256.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Min(Vector256<float> left, Vector256<float> right) => Vector256.Min(left, right);

    /// <remarks>The x86 instructions return their second operand when either is NaN, so the bound goes first.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Clamp(Vector256<float> value, float limit)
        => Avx.IsSupported ? Avx.Min(Vector256.Create(limit), Avx.Max(Vector256.Create(-limit), value)) : Vector256.Min(Vector256.Max(value, Vector256.Create(-limit)), Vector256.Create(limit));

    /// <remarks>The bound goes first, as in <see cref="Clamp"/>.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> AtMost(Vector256<float> value, float bound)
        => Avx.IsSupported ? Avx.Min(Vector256.Create(bound), value) : Vector256.Min(value, Vector256.Create(bound));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Abs(Vector256<float> value) => Vector256.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Sqrt(Vector256<float> value) => Vector256.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> GreaterThan(Vector256<float> left, Vector256<float> right) => Vector256.GreaterThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> LessThan(Vector256<float> left, Vector256<float> right) => Vector256.LessThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> IsNaN(Vector256<float> value) => ~Vector256.Equals(value, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Select(Vector256<float> mask, Vector256<float> ifTrue, Vector256<float> ifFalse) => Vector256.ConditionalSelect(mask, ifTrue, ifFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> And(Vector256<float> left, Vector256<float> right) => left & right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> RoundToInteger(Vector256<float> value)
    {
        Vector256<float> magic = Vector256.Create(12582912f); // 1.5 * 2^23: adding it leaves no fraction bits
        return (value + magic) - magic;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> PowerOfTwo(Vector256<float> n)
        => Vector256.ShiftLeft(Vector256.ConvertToInt32(n) + Vector256.Create(127), 23).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Sum(Vector256<float> value) => Vector256.Sum(value);
}
