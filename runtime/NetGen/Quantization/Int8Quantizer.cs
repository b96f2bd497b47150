using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

namespace NetGen.Quantization;

/// <summary>
/// Float to int8: <c>q = roundToEven(clamp(x * inverseScale, -127, 127))</c>, NaN to 0. The
/// AVX path (<c>vcvtps2dq</c> rounds to nearest-even in the default rounding mode) gives exactly
/// the scalar results, so outputs do not depend on the machine.
/// </summary>
internal static class Int8Quantizer
{
    /// <summary>
    /// The smallest scale used, 2^-100: below it the scale of a tiny range would be subnormal or 0,
    /// and its inverse infinite, which the file format rejects. Values within such a range still
    /// map to at most 127 steps.
    /// </summary>
    public const float MinimumScale = 7.88860905e-31f;

    /// <summary>The scale that maps magnitudes up to <paramref name="range"/> (finite, not negative) to [-127, 127]: <c>max(range / 127, MinimumScale)</c>, or 1 for a range of 0.</summary>
    public static float ScaleFor(float range) => range > 0f ? MathF.Max(range / 127f, MinimumScale) : 1f;

    /// <summary>One value, the reference definition.</summary>
    public static sbyte Quantize(float value)
    {
        if (float.IsNaN(value))
        {
            return 0;
        }

        return (sbyte)MathF.Round(Math.Clamp(value, -127f, 127f));
    }

    /// <summary>Quantizes <paramref name="values"/> times <paramref name="inverseScale"/> into <paramref name="destination"/>.</summary>
    public static void Quantize(ReadOnlySpan<float> values, float inverseScale, Span<sbyte> destination)
    {
        int i = 0;
#if NET
        if (Avx.IsSupported && values.Length >= Vector256<float>.Count)
        {
            ref float source = ref MemoryMarshal.GetReference(values);
            ref sbyte target = ref MemoryMarshal.GetReference(destination);
            Vector256<float> scale = Vector256.Create(inverseScale);
            Vector256<float> low = Vector256.Create(-127f);
            Vector256<float> high = Vector256.Create(127f);
            for (; i <= values.Length - 16; i += 16)
            {
                Vector256<int> a = Convert(Vector256.LoadUnsafe(ref source, (nuint)i), scale, low, high);
                Vector256<int> b = Convert(Vector256.LoadUnsafe(ref source, (nuint)(i + 8)), scale, low, high);
                Vector256<short> pair = Vector256.Narrow(a, b);
                Vector128<sbyte> bytes = Vector128.Narrow(pair.GetLower(), pair.GetUpper());
                bytes.StoreUnsafe(ref target, (nuint)i);
            }
        }
#endif

        for (; i < values.Length; i++)
        {
            destination[i] = Quantize(values[i] * inverseScale);
        }
    }

#if NET
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Convert(Vector256<float> x, Vector256<float> scale, Vector256<float> low, Vector256<float> high)
    {
        Vector256<float> scaled = Avx.Multiply(x, scale);
        Vector256<float> finite = Avx.And(scaled, Avx.CompareEqual(scaled, scaled)); // NaN -> 0
        return Avx.ConvertToVector256Int32(Avx.Min(Avx.Max(finite, low), high));
    }
#endif
}
