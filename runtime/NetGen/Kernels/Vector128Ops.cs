using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Kernels;

/// <summary><see cref="IVectorOps{TVec}"/> over the 128-bit vectors of SSE and NEON.</summary>
internal readonly struct Vector128Ops : IVectorOps<Vector128<float>>
{
    public int Count => Vector128<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Create(float value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Load(ref float source, nuint offset) => Vector128.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(Vector128<float> value, ref float destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Add(Vector128<float> left, Vector128<float> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Subtract(Vector128<float> left, Vector128<float> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Multiply(Vector128<float> left, Vector128<float> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Divide(Vector128<float> left, Vector128<float> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : AdvSimd.IsSupported ? AdvSimd.FusedMultiplyAdd(c, a, b) : (a * b) + c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Max(Vector128<float> left, Vector128<float> right) => Vector128.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Min(Vector128<float> left, Vector128<float> right) => Vector128.Min(left, right);

    /// <remarks>The x86 instructions return their second operand when either is NaN, so the bound goes first; NEON's return NaN.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Clamp(Vector128<float> value, float limit)
        => Sse.IsSupported ? Sse.Min(Vector128.Create(limit), Sse.Max(Vector128.Create(-limit), value))
        : AdvSimd.IsSupported ? AdvSimd.Min(AdvSimd.Max(value, Vector128.Create(-limit)), Vector128.Create(limit))
        : Vector128.Min(Vector128.Max(value, Vector128.Create(-limit)), Vector128.Create(limit));

    /// <remarks>The bound goes first, as in <see cref="Clamp"/>.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> AtMost(Vector128<float> value, float bound)
        => Sse.IsSupported ? Sse.Min(Vector128.Create(bound), value)
        : AdvSimd.IsSupported ? AdvSimd.Min(value, Vector128.Create(bound))
        : Vector128.Min(value, Vector128.Create(bound));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Abs(Vector128<float> value) => Vector128.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Sqrt(Vector128<float> value) => Vector128.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> GreaterThan(Vector128<float> left, Vector128<float> right) => Vector128.GreaterThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> LessThan(Vector128<float> left, Vector128<float> right) => Vector128.LessThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> IsNaN(Vector128<float> value) => ~Vector128.Equals(value, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Select(Vector128<float> mask, Vector128<float> ifTrue, Vector128<float> ifFalse) => Vector128.ConditionalSelect(mask, ifTrue, ifFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> And(Vector128<float> left, Vector128<float> right) => left & right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> RoundToInteger(Vector128<float> value)
    {
        Vector128<float> magic = Vector128.Create(12582912f); // 1.5 * 2^23: adding it leaves no fraction bits
        return (value + magic) - magic;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> PowerOfTwo(Vector128<float> n)
        => Vector128.ShiftLeft(Vector128.ConvertToInt32(n) + Vector128.Create(127), 23).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Sum(Vector128<float> value) => Vector128.Sum(value);
}
