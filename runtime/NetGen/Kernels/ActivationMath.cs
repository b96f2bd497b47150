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
    public static TVec ReLU(TVec z) => TOps.Max(z, TOps.Create(0f));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec ReLUBackward(TVec y, TVec dy) => TOps.And(TOps.GreaterThan(y, TOps.Create(0f)), dy);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec LeakyReLU(TVec z) => TOps.Max(z, TOps.Multiply(z, TOps.Create(LeakySlope)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec LeakyReLUBackward(TVec y, TVec dy)
        => TOps.Select(TOps.GreaterThan(y, TOps.Create(0f)), dy, TOps.Multiply(dy, TOps.Create(LeakySlope)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec ELU(TVec z) => TOps.Select(TOps.GreaterThan(z, TOps.Create(0f)), z, VectorMath<TOps, TVec>.ExpMinusOne(z));

    /// <summary>For z &lt;= 0, d/dz (e^z - 1) = e^z = y + 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec ELUBackward(TVec y, TVec dy)
        => TOps.Select(TOps.GreaterThan(y, TOps.Create(0f)), dy, TOps.Multiply(dy, TOps.Add(y, TOps.Create(1f))));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec GELU(TVec z)
    {
        TVec half = TOps.Multiply(z, TOps.Create(0.5f));
        TVec t = VectorMath<TOps, TVec>.Tanh(GeluArgument(z));
        return TOps.MultiplyAdd(half, t, half);
    }

    /// <summary>d/dz = 0.5 (1 + t) + 0.5 z (1 - t^2) sqrt(2/pi) (1 + 3 * 0.044715 z^2), t = tanh(u).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec GELUBackward(TVec z, TVec dy)
    {
        TVec t = VectorMath<TOps, TVec>.Tanh(GeluArgument(z));
        TVec z2 = TOps.Multiply(z, z);
        TVec du = TOps.Multiply(TOps.MultiplyAdd(z2, TOps.Create(3f * GeluCubic), TOps.Create(1f)), TOps.Create(GeluScale));
        TVec oneMinusT2 = TOps.Subtract(TOps.Create(1f), TOps.Multiply(t, t));
        TVec halfZ = TOps.Multiply(z, TOps.Create(0.5f));
        TVec derivative = TOps.MultiplyAdd(TOps.Multiply(halfZ, oneMinusT2), du, TOps.MultiplyAdd(t, TOps.Create(0.5f), TOps.Create(0.5f)));
        return TOps.Multiply(dy, derivative);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Sigmoid(TVec z) => VectorMath<TOps, TVec>.Sigmoid(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec SigmoidBackward(TVec y, TVec dy) => TOps.Multiply(dy, TOps.Multiply(y, TOps.Subtract(TOps.Create(1f), y)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Tanh(TVec z) => VectorMath<TOps, TVec>.Tanh(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec TanhBackward(TVec y, TVec dy) => TOps.Multiply(dy, TOps.Subtract(TOps.Create(1f), TOps.Multiply(y, y)));

    /// <summary>u = sqrt(2/pi) (z + 0.044715 z^3) = sqrt(2/pi) z (1 + 0.044715 z^2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec GeluArgument(TVec z)
    {
        TVec z2 = TOps.Multiply(z, z);
        return TOps.Multiply(TOps.Multiply(z, TOps.Create(GeluScale)), TOps.MultiplyAdd(z2, TOps.Create(GeluCubic), TOps.Create(1f)));
    }
}
