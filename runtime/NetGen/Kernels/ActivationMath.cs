using System.Runtime.CompilerServices;

namespace NetGen.Kernels;

/// <summary>
/// Every activation and its derivative, written once for every vector width. Backward functions
/// take the layer's output <c>y</c> (or, for GELU, its input <c>z</c>) and the gradient with
/// respect to the output, and return the gradient with respect to the input.
/// </summary>
internal static class ActivationMath<TOps, TVec>
    where TOps : struct, IVectorOps<TVec>
    where TVec : struct
{
    private const float LeakySlope = 0.01f;
    private const float GeluScale = 0.7978845608028654f; // sqrt(2 / pi)
    private const float GeluCubic = 0.044715f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec ReLU(TVec z) => default(TOps).Max(z, default(TOps).Create(0f));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec ReLUBackward(TVec y, TVec dy) => default(TOps).And(default(TOps).GreaterThan(y, default(TOps).Create(0f)), dy);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec LeakyReLU(TVec z) => default(TOps).Max(z, default(TOps).Multiply(z, default(TOps).Create(LeakySlope)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec LeakyReLUBackward(TVec y, TVec dy)
        => default(TOps).Select(default(TOps).GreaterThan(y, default(TOps).Create(0f)), dy, default(TOps).Multiply(dy, default(TOps).Create(LeakySlope)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec ELU(TVec z) => default(TOps).Select(default(TOps).GreaterThan(z, default(TOps).Create(0f)), z, VectorMath<TOps, TVec>.ExpMinusOne(z));

    /// <summary>For z &lt;= 0, d/dz (e^z - 1) = e^z = y + 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec ELUBackward(TVec y, TVec dy)
        => default(TOps).Select(default(TOps).GreaterThan(y, default(TOps).Create(0f)), dy, default(TOps).Multiply(dy, default(TOps).Add(y, default(TOps).Create(1f))));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec GELU(TVec z)
    {
        TVec half = default(TOps).Multiply(z, default(TOps).Create(0.5f));
        TVec t = VectorMath<TOps, TVec>.Tanh(GeluArgument(z));
        return default(TOps).MultiplyAdd(half, t, half);
    }

    /// <summary>d/dz = 0.5 (1 + t) + 0.5 z (1 - t^2) sqrt(2/pi) (1 + 3 * 0.044715 z^2), t = tanh(u).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec GELUBackward(TVec z, TVec dy)
    {
        TVec t = VectorMath<TOps, TVec>.Tanh(GeluArgument(z));
        TVec z2 = default(TOps).Multiply(z, z);
        TVec du = default(TOps).Multiply(default(TOps).MultiplyAdd(z2, default(TOps).Create(3f * GeluCubic), default(TOps).Create(1f)), default(TOps).Create(GeluScale));
        TVec oneMinusT2 = default(TOps).Subtract(default(TOps).Create(1f), default(TOps).Multiply(t, t));
        TVec halfZ = default(TOps).Multiply(z, default(TOps).Create(0.5f));
        TVec derivative = default(TOps).MultiplyAdd(default(TOps).Multiply(halfZ, oneMinusT2), du, default(TOps).MultiplyAdd(t, default(TOps).Create(0.5f), default(TOps).Create(0.5f)));
        return default(TOps).Multiply(dy, derivative);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Sigmoid(TVec z) => VectorMath<TOps, TVec>.Sigmoid(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec SigmoidBackward(TVec y, TVec dy) => default(TOps).Multiply(dy, default(TOps).Multiply(y, default(TOps).Subtract(default(TOps).Create(1f), y)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Tanh(TVec z) => VectorMath<TOps, TVec>.Tanh(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec TanhBackward(TVec y, TVec dy) => default(TOps).Multiply(dy, default(TOps).Subtract(default(TOps).Create(1f), default(TOps).Multiply(y, y)));

    /// <summary>u = sqrt(2/pi) (z + 0.044715 z^3) = sqrt(2/pi) z (1 + 0.044715 z^2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec GeluArgument(TVec z)
    {
        TVec z2 = default(TOps).Multiply(z, z);
        return default(TOps).Multiply(default(TOps).Multiply(z, default(TOps).Create(GeluScale)), default(TOps).MultiplyAdd(z2, default(TOps).Create(GeluCubic), default(TOps).Create(1f)));
    }
}
