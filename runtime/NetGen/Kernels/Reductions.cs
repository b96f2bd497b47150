using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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

        return total + SumOfSquares<ScalarOps, float>(ref x, (nuint)length, ref i);
    }

    private static double SumOfSquares<TOps, TVec>(ref float x, nuint length, ref nuint start)
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
    {
        // Blocks of 4096 elements keep each float partial sum short before it moves to double.
        double total = 0;
        nuint i = start;
        while (i + (nuint)TOps.Count <= length)
        {
            TVec a = TOps.Create(0f);
            TVec b = TOps.Create(0f);
            nuint blockEnd = i + 4096 < length ? i + 4096 : length;
            for (; i + (2 * (nuint)TOps.Count) <= blockEnd; i += 2 * (nuint)TOps.Count)
            {
                TVec u = TOps.Load(ref x, i);
                TVec w = TOps.Load(ref x, i + (nuint)TOps.Count);
                a = TOps.MultiplyAdd(u, u, a);
                b = TOps.MultiplyAdd(w, w, b);
            }

            if (i + (nuint)TOps.Count <= blockEnd)
            {
                TVec u = TOps.Load(ref x, i);
                a = TOps.MultiplyAdd(u, u, a);
                i += (nuint)TOps.Count;
            }

            total += TOps.Sum(TOps.Add(a, b));
        }

        start = i;
        return total;
    }
}
