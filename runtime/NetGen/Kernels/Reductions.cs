using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
#if NET
using System.Runtime.Intrinsics;
#endif

namespace NetGen.Kernels;

/// <summary>Reductions over a tensor, used by generated networks.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Reductions
{
    /// <summary>The sum of the squares of <paramref name="length"/> floats, accumulated in float lanes and totalled in double.</summary>
    /// <param name="x">The first element.</param>
    /// <param name="length">The number of elements.</param>
    public static double SumOfSquares(ref float x, int length)
    {
        nuint i = 0;
        double total = 0;
#if NET
        if (Vector512.IsHardwareAccelerated)
        {
            total += SumOfSquares<Vector512Ops, Vector512<float>>(ref x, (nuint)length, ref i);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            total += SumOfSquares<Vector256Ops, Vector256<float>>(ref x, (nuint)length, ref i);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            total += SumOfSquares<Vector128Ops, Vector128<float>>(ref x, (nuint)length, ref i);
        }
#endif

        return total + SumOfSquares<ScalarOps, float>(ref x, (nuint)length, ref i);
    }

    /// <summary>
    /// A bound on the magnitude of every sum of <paramref name="terms"/> products of an element of <paramref name="a"/> and one
    /// of <paramref name="b"/>, and of every sum of that many elements of <paramref name="b"/> alone (a bias gradient):
    /// <c>terms * max(max|a|, 1) * max|b|</c>, or NaN when an element of either is not finite.
    /// </summary>
    /// <param name="a">The first factors (a layer's input rows).</param>
    /// <param name="aLength">Their count.</param>
    /// <param name="b">The second factors (the gradient rows).</param>
    /// <param name="bLength">Their count.</param>
    /// <param name="terms">The products each sum adds.</param>
    public static double ProductBound(ref float a, int aLength, ref float b, int bLength, int terms)
        => (double)terms * MathF.Max(MaxAbs(ref a, aLength), 1f) * MaxAbs(ref b, bLength);

    /// <summary>The largest magnitude among <paramref name="length"/> floats, or NaN when one of them is NaN or infinite.</summary>
    /// <param name="x">The first element.</param>
    /// <param name="length">The number of elements.</param>
    public static float MaxAbs(ref float x, int length)
    {
        nuint i = 0;
        float max = 0f;
#if NET
        if (Vector512.IsHardwareAccelerated)
        {
            max = MaxAbs<Vector512Ops, Vector512<float>>(ref x, (nuint)length, ref i);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            max = MaxAbs<Vector256Ops, Vector256<float>>(ref x, (nuint)length, ref i);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            max = MaxAbs<Vector128Ops, Vector128<float>>(ref x, (nuint)length, ref i);
        }
#endif

        float rest = MaxAbs<ScalarOps, float>(ref x, (nuint)length, ref i);
        return float.IsNaN(max) || float.IsNaN(rest) ? float.NaN : MathF.Max(max, rest);
    }

    private static float MaxAbs<TOps, TVec>(ref float x, nuint length, ref nuint start)
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
    {
        // x - x is 0 for a finite x and NaN otherwise; the sum of those tells whether one was not finite.
        TVec max = default(TOps).Create(0f);
        TVec bad = default(TOps).Create(0f);
        nuint i = start;
        for (; i + (nuint)default(TOps).Count <= length; i += (nuint)default(TOps).Count)
        {
            TVec value = default(TOps).Load(ref x, i);
            max = default(TOps).Max(max, default(TOps).Abs(value));
            bad = default(TOps).Add(bad, default(TOps).Subtract(value, value));
        }

        start = i;
        if (float.IsNaN(default(TOps).Sum(bad)))
        {
            return float.NaN;
        }

        Span<float> lanes = stackalloc float[16];
        default(TOps).Store(max, ref lanes[0], 0);
        float result = 0f;
        for (int lane = 0; lane < default(TOps).Count; lane++)
        {
            result = MathF.Max(result, lanes[lane]);
        }

        return result;
    }

    private static double SumOfSquares<TOps, TVec>(ref float x, nuint length, ref nuint start)
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
    {
        // Blocks of 4096 elements keep each float partial sum short before it moves to double.
        double total = 0;
        nuint i = start;
        while (i + (nuint)default(TOps).Count <= length)
        {
            TVec a = default(TOps).Create(0f);
            TVec b = default(TOps).Create(0f);
            nuint blockEnd = i + 4096 < length ? i + 4096 : length;
            for (; i + (2 * (nuint)default(TOps).Count) <= blockEnd; i += 2 * (nuint)default(TOps).Count)
            {
                TVec u = default(TOps).Load(ref x, i);
                TVec w = default(TOps).Load(ref x, i + (nuint)default(TOps).Count);
                a = default(TOps).MultiplyAdd(u, u, a);
                b = default(TOps).MultiplyAdd(w, w, b);
            }

            if (i + (nuint)default(TOps).Count <= blockEnd)
            {
                TVec u = default(TOps).Load(ref x, i);
                a = default(TOps).MultiplyAdd(u, u, a);
                i += (nuint)default(TOps).Count;
            }

            total += default(TOps).Sum(default(TOps).Add(a, b));
        }

        start = i;
        return total;
    }
}
