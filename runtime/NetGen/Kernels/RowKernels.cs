using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET
using System.Runtime.Intrinsics;
#endif

namespace NetGen.Kernels;

/// <summary>Operations over one row of a layer that couple its elements (softmax), used by generated networks.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RowKernels
{
    /// <summary>Writes <c>softmax(z)</c> over <paramref name="count"/> elements into <paramref name="y"/>
    /// (which may be <paramref name="z"/>), subtracting the maximum first.</summary>
    /// <param name="z">The logits.</param>
    /// <param name="y">Where the probabilities go.</param>
    /// <param name="count">The number of elements.</param>
    public static void Softmax(ref float z, ref float y, int count)
    {
        float max = float.NegativeInfinity;
        for (int i = 0; i < count; i++)
        {
            float value = Unsafe.Add(ref z, i);
            max = value > max || float.IsNaN(value) ? value : max;
        }

        float sum = 0f;
        int j = 0;
#if NET
        if (Vector512.IsHardwareAccelerated)
        {
            sum += ExpShifted<Vector512Ops, Vector512<float>>(ref z, ref y, count, max, ref j);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            sum += ExpShifted<Vector256Ops, Vector256<float>>(ref z, ref y, count, max, ref j);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            sum += ExpShifted<Vector128Ops, Vector128<float>>(ref z, ref y, count, max, ref j);
        }
#endif

        sum += ExpShifted<ScalarOps, float>(ref z, ref y, count, max, ref j);
        float inverse = 1f / sum;
        for (int i = 0; i < count; i++)
        {
            Unsafe.Add(ref y, i) *= inverse;
        }
    }

    /// <summary>The gradient through softmax: <c>dz_j = y_j (dy_j - sum_k dy_k y_k)</c>.</summary>
    /// <param name="y">The softmax output.</param>
    /// <param name="dy">The gradient with respect to the output.</param>
    /// <param name="dz">Where the gradient with respect to the logits goes (may be <paramref name="dy"/>).</param>
    /// <param name="count">The number of elements.</param>
    public static void SoftmaxBackward(ref float y, ref float dy, ref float dz, int count)
    {
        float dot = 0f;
        for (int i = 0; i < count; i++)
        {
            dot += Unsafe.Add(ref dy, i) * Unsafe.Add(ref y, i);
        }

        for (int i = 0; i < count; i++)
        {
            Unsafe.Add(ref dz, i) = Unsafe.Add(ref y, i) * (Unsafe.Add(ref dy, i) - dot);
        }
    }

    /// <summary>Sets the padding of <paramref name="rows"/> rows to zero: the elements from
    /// <paramref name="width"/> to <paramref name="stride"/> of each row.</summary>
    /// <param name="first">The first element of the first row.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="stride">Floats from one row to the next.</param>
    /// <param name="width">The floats of each row that hold values.</param>
    public static void ClearPadding(ref float first, int rows, int stride, int width)
    {
        for (int r = 0; r < rows; r++)
        {
            MemoryMarshal.CreateSpan(ref Unsafe.Add(ref first, (r * stride) + width), stride - width).Clear();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float ExpShifted<TOps, TVec>(ref float z, ref float y, int count, float shift, ref int start)
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
    {
        TVec sum = default(TOps).Create(0f);
        TVec minus = default(TOps).Create(shift);
        int i = start;
        for (; i + default(TOps).Count <= count; i += default(TOps).Count)
        {
            TVec e = VectorMath<TOps, TVec>.Exp(default(TOps).Subtract(default(TOps).Load(ref z, (nuint)i), minus));
            default(TOps).Store(e, ref y, (nuint)i);
            sum = default(TOps).Add(sum, e);
        }

        start = i;
        return default(TOps).Sum(sum);
    }
}
