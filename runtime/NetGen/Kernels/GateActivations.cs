using System.ComponentModel;
using System.Runtime.CompilerServices;
#if NET
using System.Runtime.Intrinsics;
#endif

namespace NetGen.Kernels;

/// <summary>The gate functions of the recurrent layers for one float and for each vector width, called by generated networks:
/// rational approximations with one division and no exponential (absolute error below 4e-7).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GateActivations
{
    /// <summary>The recurrent layers' sigmoid gate, <c>1 / (1 + e^-x)</c> (see <see cref="GateMath{TOps, TVec}"/>).</summary>
    /// <param name="x">The gate's input.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float x) => GateMath<ScalarOps, float>.Sigmoid(x);

#if NET
    /// <inheritdoc cref="Sigmoid(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> x) => GateMath<Vector128Ops, Vector128<float>>.Sigmoid(x);

    /// <inheritdoc cref="Sigmoid(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x) => GateMath<Vector256Ops, Vector256<float>>.Sigmoid(x);

    /// <inheritdoc cref="Sigmoid(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x) => GateMath<Vector512Ops, Vector512<float>>.Sigmoid(x);
#endif

    /// <summary>The recurrent layers' tanh gate (see <see cref="GateMath{TOps, TVec}"/>).</summary>
    /// <param name="x">The gate's input.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float x) => GateMath<ScalarOps, float>.Tanh(x);

#if NET
    /// <inheritdoc cref="Tanh(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> x) => GateMath<Vector128Ops, Vector128<float>>.Tanh(x);

    /// <inheritdoc cref="Tanh(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x) => GateMath<Vector256Ops, Vector256<float>>.Tanh(x);

    /// <inheritdoc cref="Tanh(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x) => GateMath<Vector512Ops, Vector512<float>>.Tanh(x);
#endif

    /// <summary><see cref="Sigmoid(float)"/> as <c>1/2 + quotient * numerator</c>: returns the quotient, which ends in a division,
    /// and gives the numerator, ready before it. A recurrent step multiplies what the gate multiplies into the numerator while the
    /// division runs, so that one multiply-add follows it on the step's critical path. <c>MultiplyAdd(quotient, numerator, 1/2)</c>
    /// is <see cref="Sigmoid(float)"/> bit for bit.</summary>
    /// <param name="x">The gate's input.</param>
    /// <param name="numerator">The numerator.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SigmoidQuotient(float x, out float numerator) => GateMath<ScalarOps, float>.SigmoidQuotient(x, out numerator);

#if NET
    /// <inheritdoc cref="SigmoidQuotient(float, out float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> SigmoidQuotient(Vector128<float> x, out Vector128<float> numerator) => GateMath<Vector128Ops, Vector128<float>>.SigmoidQuotient(x, out numerator);

    /// <inheritdoc cref="SigmoidQuotient(float, out float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SigmoidQuotient(Vector256<float> x, out Vector256<float> numerator) => GateMath<Vector256Ops, Vector256<float>>.SigmoidQuotient(x, out numerator);

    /// <inheritdoc cref="SigmoidQuotient(float, out float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SigmoidQuotient(Vector512<float> x, out Vector512<float> numerator) => GateMath<Vector512Ops, Vector512<float>>.SigmoidQuotient(x, out numerator);
#endif

    /// <summary><see cref="Tanh(float)"/> as <c>quotient * numerator</c>, split as <see cref="SigmoidQuotient(float, out float)"/>
    /// splits the sigmoid; the product is <see cref="Tanh(float)"/> bit for bit.</summary>
    /// <param name="x">The gate's input.</param>
    /// <param name="numerator">The numerator.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float TanhQuotient(float x, out float numerator) => GateMath<ScalarOps, float>.TanhQuotient(x, out numerator);

#if NET
    /// <inheritdoc cref="TanhQuotient(float, out float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> TanhQuotient(Vector128<float> x, out Vector128<float> numerator) => GateMath<Vector128Ops, Vector128<float>>.TanhQuotient(x, out numerator);

    /// <inheritdoc cref="TanhQuotient(float, out float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> TanhQuotient(Vector256<float> x, out Vector256<float> numerator) => GateMath<Vector256Ops, Vector256<float>>.TanhQuotient(x, out numerator);

    /// <inheritdoc cref="TanhQuotient(float, out float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> TanhQuotient(Vector512<float> x, out Vector512<float> numerator) => GateMath<Vector512Ops, Vector512<float>>.TanhQuotient(x, out numerator);
#endif
}
