using System.ComponentModel;
using System.Runtime.CompilerServices;
#if NET
using System.Runtime.Intrinsics;
#endif

namespace NetGen.Kernels;

/// <summary>
/// Passes over whole buffers that treat each element alone (an activation's derivative, a dropout mask), used
/// by the generated passes between their kernels. Each picks the widest vector the machine accelerates.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ElementwiseKernels
{
    /// <summary>The gradient through an activation, in place: <c>d = f'(y) d</c> over <paramref name="count"/> floats, where
    /// <paramref name="y"/> is the layer's output (for GELU, its pre-activation). Softmax and None are not element-wise.</summary>
    /// <param name="activation">The activation.</param>
    /// <param name="y">The output rows (the pre-activation rows for GELU).</param>
    /// <param name="d">The gradient rows, overwritten.</param>
    /// <param name="count">The floats, a whole number of 16.</param>
    public static void ActivationBackward(Activation activation, ref float y, ref float d, int count)
    {
        switch (activation)
        {
            case Activation.ReLU:
                Run<ReLU>(ref y, ref d, ref d, count);
                break;
            case Activation.LeakyReLU:
                Run<LeakyReLU>(ref y, ref d, ref d, count);
                break;
            case Activation.ELU:
                Run<ELU>(ref y, ref d, ref d, count);
                break;
            case Activation.GELU:
                Run<GELU>(ref y, ref d, ref d, count);
                break;
            case Activation.Sigmoid:
                Run<Sigmoid>(ref y, ref d, ref d, count);
                break;
            case Activation.Tanh:
                Run<Tanh>(ref y, ref d, ref d, count);
                break;
        }
    }

    /// <summary><c>destination = a * b</c> over <paramref name="count"/> floats (a dropout mask applied to rows or to their gradient).</summary>
    /// <param name="a">The first factor.</param>
    /// <param name="b">The second factor.</param>
    /// <param name="destination">The product; may be <paramref name="a"/>.</param>
    /// <param name="count">The floats.</param>
    public static void Multiply(ref float a, ref float b, ref float destination, int count) => Run<Product>(ref a, ref b, ref destination, count);

    /// <summary><c>destination = a + b</c> over <paramref name="count"/> floats (a skip connection's gradient added to another).</summary>
    /// <param name="a">The first term.</param>
    /// <param name="b">The second term.</param>
    /// <param name="destination">The sum; may be <paramref name="a"/>.</param>
    /// <param name="count">The floats.</param>
    public static void Add(ref float a, ref float b, ref float destination, int count) => Run<Sum>(ref a, ref b, ref destination, count);

    /// <summary><c>destination = x * factor</c> over <paramref name="count"/> floats (a row of weights scaled by a normalisation folded into them).</summary>
    /// <param name="x">The values.</param>
    /// <param name="factor">The factor.</param>
    /// <param name="destination">The products; may be <paramref name="x"/>.</param>
    /// <param name="count">The floats.</param>
    public static void Scale(ref float x, float factor, ref float destination, int count)
    {
        for (int i = 0; i < count; i++)
        {
            Unsafe.Add(ref destination, i) = Unsafe.Add(ref x, i) * factor;
        }
    }

    /// <summary><c>destination = a * b</c> row by row, for rows that are not contiguous (the caller's input rows under a dropout mask).</summary>
    /// <param name="a">The first row of the first factor.</param>
    /// <param name="aStride">Floats between its rows.</param>
    /// <param name="b">The first row of the second factor.</param>
    /// <param name="destination">The first row of the product.</param>
    /// <param name="stride">Floats between the rows of <paramref name="b"/> and of <paramref name="destination"/>.</param>
    /// <param name="rows">The rows.</param>
    /// <param name="width">The floats of each row.</param>
    public static void MultiplyRows(ref float a, int aStride, ref float b, ref float destination, int stride, int rows, int width)
    {
        for (int r = 0; r < rows; r++)
        {
            Run<Product>(ref Unsafe.Add(ref a, r * aStride), ref Unsafe.Add(ref b, r * stride), ref Unsafe.Add(ref destination, r * stride), width);
        }
    }

    /// <summary>Copies <paramref name="rows"/> rows of <paramref name="width"/> floats between buffers of different strides.</summary>
    /// <param name="source">The first source row.</param>
    /// <param name="sourceStride">Floats between source rows.</param>
    /// <param name="destination">The first destination row.</param>
    /// <param name="destinationStride">Floats between destination rows.</param>
    /// <param name="rows">The rows.</param>
    /// <param name="width">The floats of each row.</param>
    public static void CopyRows(ref float source, int sourceStride, ref float destination, int destinationStride, int rows, int width)
    {
        for (int r = 0; r < rows; r++)
        {
            Unsafe.CopyBlockUnaligned(
                ref Unsafe.As<float, byte>(ref Unsafe.Add(ref destination, r * destinationStride)),
                ref Unsafe.As<float, byte>(ref Unsafe.Add(ref source, r * sourceStride)),
                (uint)width * sizeof(float));
        }
    }

    private static void Run<TOp>(ref float a, ref float b, ref float destination, int count)
        where TOp : struct, IBinaryOp
    {
        nuint i = 0;
#if NET
        if (Vector512.IsHardwareAccelerated)
        {
            Run<TOp, Vector512Ops, Vector512<float>>(ref a, ref b, ref destination, (nuint)count, ref i);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Run<TOp, Vector256Ops, Vector256<float>>(ref a, ref b, ref destination, (nuint)count, ref i);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            Run<TOp, Vector128Ops, Vector128<float>>(ref a, ref b, ref destination, (nuint)count, ref i);
        }
#endif

        Run<TOp, ScalarOps, float>(ref a, ref b, ref destination, (nuint)count, ref i);
    }

    private static void Run<TOp, TOps, TVec>(ref float a, ref float b, ref float destination, nuint count, ref nuint start)
        where TOp : struct, IBinaryOp
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
    {
        nuint i = start;
        for (; i + (nuint)default(TOps).Count <= count; i += (nuint)default(TOps).Count)
        {
            default(TOps).Store(default(TOp).Apply<TOps, TVec>(default(TOps).Load(ref a, i), default(TOps).Load(ref b, i)), ref destination, i);
        }

        start = i;
    }

    /// <summary>One operation on two vectors, inlined into the loop above for each width.</summary>
    private interface IBinaryOp
    {
        TVec Apply<TOps, TVec>(TVec a, TVec b)
            where TOps : struct, IVectorOps<TVec>
            where TVec : struct;
    }

    private readonly struct Product : IBinaryOp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TVec Apply<TOps, TVec>(TVec a, TVec b)
            where TOps : struct, IVectorOps<TVec>
            where TVec : struct => default(TOps).Multiply(a, b);
    }

    private readonly struct Sum : IBinaryOp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TVec Apply<TOps, TVec>(TVec a, TVec b)
            where TOps : struct, IVectorOps<TVec>
            where TVec : struct => default(TOps).Add(a, b);
    }

    private readonly struct ReLU : IBinaryOp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TVec Apply<TOps, TVec>(TVec y, TVec d)
            where TOps : struct, IVectorOps<TVec>
            where TVec : struct => ActivationMath<TOps, TVec>.ReLUBackward(y, d);
    }

    private readonly struct LeakyReLU : IBinaryOp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TVec Apply<TOps, TVec>(TVec y, TVec d)
            where TOps : struct, IVectorOps<TVec>
            where TVec : struct => ActivationMath<TOps, TVec>.LeakyReLUBackward(y, d);
    }

    private readonly struct ELU : IBinaryOp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TVec Apply<TOps, TVec>(TVec y, TVec d)
            where TOps : struct, IVectorOps<TVec>
            where TVec : struct => ActivationMath<TOps, TVec>.ELUBackward(y, d);
    }

    private readonly struct GELU : IBinaryOp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TVec Apply<TOps, TVec>(TVec z, TVec d)
            where TOps : struct, IVectorOps<TVec>
            where TVec : struct => ActivationMath<TOps, TVec>.GELUBackward(z, d);
    }

    private readonly struct Sigmoid : IBinaryOp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TVec Apply<TOps, TVec>(TVec y, TVec d)
            where TOps : struct, IVectorOps<TVec>
            where TVec : struct => ActivationMath<TOps, TVec>.SigmoidBackward(y, d);
    }

    private readonly struct Tanh : IBinaryOp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TVec Apply<TOps, TVec>(TVec y, TVec d)
            where TOps : struct, IVectorOps<TVec>
            where TVec : struct => ActivationMath<TOps, TVec>.TanhBackward(y, d);
    }
}
