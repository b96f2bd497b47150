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
}
