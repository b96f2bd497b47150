using System;
using System.Runtime.CompilerServices;

namespace NetGen.Kernels;

/// <summary><see cref="IVectorOps{TVec}"/> over single floats: the path for machines without SIMD.</summary>
internal readonly struct ScalarOps : IVectorOps<float>
{
    public int Count => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Create(float value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Load(ref float source, nuint offset) => Unsafe.Add(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(float value, ref float destination, nuint offset) => Unsafe.Add(ref destination, offset) = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Add(float left, float right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Subtract(float left, float right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Multiply(float left, float right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Divide(float left, float right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float MultiplyAdd(float a, float b, float c) => (a * b) + c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Max(float left, float right) => MathF.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Min(float left, float right) => MathF.Min(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Clamp(float value, float limit) => MathF.Min(MathF.Max(value, -limit), limit);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float AtMost(float value, float bound) => MathF.Min(value, bound);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Abs(float value) => MathF.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Sqrt(float value) => MathF.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float GreaterThan(float left, float right) => ScalarBits.Mask(left > right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float LessThan(float left, float right) => ScalarBits.Mask(left < right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float IsNaN(float value) => ScalarBits.Mask(float.IsNaN(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Select(float mask, float ifTrue, float ifFalse) => ScalarBits.IsSet(mask) ? ifTrue : ifFalse;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float And(float left, float right)
        => Unsafe.BitCast<int, float>(Unsafe.BitCast<float, int>(left) & Unsafe.BitCast<float, int>(right));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float RoundToInteger(float value) => (value + 12582912f) - 12582912f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float PowerOfTwo(float n) => Unsafe.BitCast<int, float>(((int)n + 127) << 23);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Sum(float value) => value;
}
