using System.ComponentModel;
using System.Runtime.CompilerServices;
#if NET
using System.Runtime.Intrinsics;
#endif

namespace NetGen.Kernels;

/// <summary>
/// Activation functions and their derivatives for one float and for each vector width, called by
/// generated networks. Backward functions return the gradient with respect to the layer's input,
/// given the gradient <c>dy</c> with respect to its output.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Activations
{
    /// <summary>max(0, z).</summary>
    /// <param name="z">The layer's input.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ReLU(float z) => ActivationMath<ScalarOps, float>.ReLU(z);

#if NET
    /// <inheritdoc cref="ReLU(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ReLU(Vector128<float> z) => ActivationMath<Vector128Ops, Vector128<float>>.ReLU(z);

    /// <inheritdoc cref="ReLU(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ReLU(Vector256<float> z) => ActivationMath<Vector256Ops, Vector256<float>>.ReLU(z);

    /// <inheritdoc cref="ReLU(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ReLU(Vector512<float> z) => ActivationMath<Vector512Ops, Vector512<float>>.ReLU(z);
#endif

    /// <summary>The gradient through ReLU, from its output <paramref name="y"/>.</summary>
    /// <param name="y">The layer's output.</param>
    /// <param name="dy">The gradient with respect to the output.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ReLUBackward(float y, float dy) => ActivationMath<ScalarOps, float>.ReLUBackward(y, dy);

#if NET
    /// <inheritdoc cref="ReLUBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ReLUBackward(Vector128<float> y, Vector128<float> dy) => ActivationMath<Vector128Ops, Vector128<float>>.ReLUBackward(y, dy);

    /// <inheritdoc cref="ReLUBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ReLUBackward(Vector256<float> y, Vector256<float> dy) => ActivationMath<Vector256Ops, Vector256<float>>.ReLUBackward(y, dy);

    /// <inheritdoc cref="ReLUBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ReLUBackward(Vector512<float> y, Vector512<float> dy) => ActivationMath<Vector512Ops, Vector512<float>>.ReLUBackward(y, dy);
#endif

    /// <summary>z for positive z, 0.01 z otherwise.</summary>
    /// <param name="z">The layer's input.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LeakyReLU(float z) => ActivationMath<ScalarOps, float>.LeakyReLU(z);

#if NET
    /// <inheritdoc cref="LeakyReLU(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LeakyReLU(Vector128<float> z) => ActivationMath<Vector128Ops, Vector128<float>>.LeakyReLU(z);

    /// <inheritdoc cref="LeakyReLU(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LeakyReLU(Vector256<float> z) => ActivationMath<Vector256Ops, Vector256<float>>.LeakyReLU(z);

    /// <inheritdoc cref="LeakyReLU(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LeakyReLU(Vector512<float> z) => ActivationMath<Vector512Ops, Vector512<float>>.LeakyReLU(z);
#endif

    /// <summary>The gradient through LeakyReLU, from its output <paramref name="y"/>.</summary>
    /// <param name="y">The layer's output.</param>
    /// <param name="dy">The gradient with respect to the output.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LeakyReLUBackward(float y, float dy) => ActivationMath<ScalarOps, float>.LeakyReLUBackward(y, dy);

#if NET
    /// <inheritdoc cref="LeakyReLUBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LeakyReLUBackward(Vector128<float> y, Vector128<float> dy) => ActivationMath<Vector128Ops, Vector128<float>>.LeakyReLUBackward(y, dy);

    /// <inheritdoc cref="LeakyReLUBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LeakyReLUBackward(Vector256<float> y, Vector256<float> dy) => ActivationMath<Vector256Ops, Vector256<float>>.LeakyReLUBackward(y, dy);

    /// <inheritdoc cref="LeakyReLUBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LeakyReLUBackward(Vector512<float> y, Vector512<float> dy) => ActivationMath<Vector512Ops, Vector512<float>>.LeakyReLUBackward(y, dy);
#endif

    /// <summary>z for positive z, e^z - 1 otherwise.</summary>
    /// <param name="z">The layer's input.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ELU(float z) => ActivationMath<ScalarOps, float>.ELU(z);

#if NET
    /// <inheritdoc cref="ELU(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ELU(Vector128<float> z) => ActivationMath<Vector128Ops, Vector128<float>>.ELU(z);

    /// <inheritdoc cref="ELU(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ELU(Vector256<float> z) => ActivationMath<Vector256Ops, Vector256<float>>.ELU(z);

    /// <inheritdoc cref="ELU(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ELU(Vector512<float> z) => ActivationMath<Vector512Ops, Vector512<float>>.ELU(z);
#endif

    /// <summary>The gradient through ELU, from its output <paramref name="y"/>.</summary>
    /// <param name="y">The layer's output.</param>
    /// <param name="dy">The gradient with respect to the output.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ELUBackward(float y, float dy) => ActivationMath<ScalarOps, float>.ELUBackward(y, dy);

#if NET
    /// <inheritdoc cref="ELUBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ELUBackward(Vector128<float> y, Vector128<float> dy) => ActivationMath<Vector128Ops, Vector128<float>>.ELUBackward(y, dy);

    /// <inheritdoc cref="ELUBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ELUBackward(Vector256<float> y, Vector256<float> dy) => ActivationMath<Vector256Ops, Vector256<float>>.ELUBackward(y, dy);

    /// <inheritdoc cref="ELUBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ELUBackward(Vector512<float> y, Vector512<float> dy) => ActivationMath<Vector512Ops, Vector512<float>>.ELUBackward(y, dy);
#endif

    /// <summary>GELU in its tanh approximation.</summary>
    /// <param name="z">The layer's input.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GELU(float z) => ActivationMath<ScalarOps, float>.GELU(z);

#if NET
    /// <inheritdoc cref="GELU(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> GELU(Vector128<float> z) => ActivationMath<Vector128Ops, Vector128<float>>.GELU(z);

    /// <inheritdoc cref="GELU(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> GELU(Vector256<float> z) => ActivationMath<Vector256Ops, Vector256<float>>.GELU(z);

    /// <inheritdoc cref="GELU(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> GELU(Vector512<float> z) => ActivationMath<Vector512Ops, Vector512<float>>.GELU(z);
#endif

    /// <summary>The gradient through GELU, from its input <paramref name="z"/>.</summary>
    /// <param name="z">The layer's input.</param>
    /// <param name="dy">The gradient with respect to the output.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GELUBackward(float z, float dy) => ActivationMath<ScalarOps, float>.GELUBackward(z, dy);

#if NET
    /// <inheritdoc cref="GELUBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> GELUBackward(Vector128<float> z, Vector128<float> dy) => ActivationMath<Vector128Ops, Vector128<float>>.GELUBackward(z, dy);

    /// <inheritdoc cref="GELUBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> GELUBackward(Vector256<float> z, Vector256<float> dy) => ActivationMath<Vector256Ops, Vector256<float>>.GELUBackward(z, dy);

    /// <inheritdoc cref="GELUBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> GELUBackward(Vector512<float> z, Vector512<float> dy) => ActivationMath<Vector512Ops, Vector512<float>>.GELUBackward(z, dy);
#endif

    /// <summary>1 / (1 + e^-z).</summary>
    /// <param name="z">The layer's input.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float z) => ActivationMath<ScalarOps, float>.Sigmoid(z);

#if NET
    /// <inheritdoc cref="Sigmoid(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> z) => ActivationMath<Vector128Ops, Vector128<float>>.Sigmoid(z);

    /// <inheritdoc cref="Sigmoid(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> z) => ActivationMath<Vector256Ops, Vector256<float>>.Sigmoid(z);

    /// <inheritdoc cref="Sigmoid(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> z) => ActivationMath<Vector512Ops, Vector512<float>>.Sigmoid(z);
#endif

    /// <summary>The gradient through the sigmoid, from its output <paramref name="y"/>.</summary>
    /// <param name="y">The layer's output.</param>
    /// <param name="dy">The gradient with respect to the output.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SigmoidBackward(float y, float dy) => ActivationMath<ScalarOps, float>.SigmoidBackward(y, dy);

#if NET
    /// <inheritdoc cref="SigmoidBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> SigmoidBackward(Vector128<float> y, Vector128<float> dy) => ActivationMath<Vector128Ops, Vector128<float>>.SigmoidBackward(y, dy);

    /// <inheritdoc cref="SigmoidBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SigmoidBackward(Vector256<float> y, Vector256<float> dy) => ActivationMath<Vector256Ops, Vector256<float>>.SigmoidBackward(y, dy);

    /// <inheritdoc cref="SigmoidBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SigmoidBackward(Vector512<float> y, Vector512<float> dy) => ActivationMath<Vector512Ops, Vector512<float>>.SigmoidBackward(y, dy);
#endif

    /// <summary>tanh(z).</summary>
    /// <param name="z">The layer's input.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float z) => ActivationMath<ScalarOps, float>.Tanh(z);

#if NET
    /// <inheritdoc cref="Tanh(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> z) => ActivationMath<Vector128Ops, Vector128<float>>.Tanh(z);

    /// <inheritdoc cref="Tanh(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> z) => ActivationMath<Vector256Ops, Vector256<float>>.Tanh(z);

    /// <inheritdoc cref="Tanh(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> z) => ActivationMath<Vector512Ops, Vector512<float>>.Tanh(z);
#endif

    /// <summary>The gradient through tanh, from its output <paramref name="y"/>.</summary>
    /// <param name="y">The layer's output.</param>
    /// <param name="dy">The gradient with respect to the output.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float TanhBackward(float y, float dy) => ActivationMath<ScalarOps, float>.TanhBackward(y, dy);

#if NET
    /// <inheritdoc cref="TanhBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> TanhBackward(Vector128<float> y, Vector128<float> dy) => ActivationMath<Vector128Ops, Vector128<float>>.TanhBackward(y, dy);

    /// <inheritdoc cref="TanhBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> TanhBackward(Vector256<float> y, Vector256<float> dy) => ActivationMath<Vector256Ops, Vector256<float>>.TanhBackward(y, dy);

    /// <inheritdoc cref="TanhBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> TanhBackward(Vector512<float> y, Vector512<float> dy) => ActivationMath<Vector512Ops, Vector512<float>>.TanhBackward(y, dy);
#endif
}
