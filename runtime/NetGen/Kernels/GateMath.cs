using System.Runtime.CompilerServices;

namespace NetGen.Kernels;

/// <summary>
/// The gate functions of the recurrent layers, written once for every vector width: <c>tanh</c> as a rational function
/// <c>x P(x^2) / Q(x^2)</c> on [-9, 9] (where float's tanh reaches 1), and the sigmoid as <c>1/2 + tanh(x / 2) / 2</c> with the
/// halving folded into the coefficients. A recurrent step runs two gate functions one after the other on its critical path,
/// so they cost one division and a dozen multiply-adds, with no exponential: about half the latency of the exponential form
/// <see cref="VectorMath{TOps, TVec}.Tanh"/>. The coefficients are a minimax fit of NetGen's own (absolute error below 4e-7
/// in float, measured against double by <c>GateActivationTests</c>); NaN gives NaN. Each function writes its denominator and
/// division before its numerator: the processor issues the oldest ready operations first, and the division is on the path.
/// </summary>
internal static class GateMath<TOps, TVec>
    where TOps : struct, IVectorOps<TVec>
    where TVec : struct
{
    private const float TanhLimit = 9f;
    private const float P0 = 9.9999973671858888e-01f;
    private const float P1 = 1.2910666092225154e-01f;
    private const float P2 = 2.9119764931366489e-03f;
    private const float P3 = 9.1949387489740703e-06f;
    private const float P4 = -1.2590886702169846e-08f;
    private const float P5 = 1.7837759047623081e-11f;
    private const float Q1 = 4.6243899074673894e-01f;
    private const float Q2 = 2.3726093651574388e-02f;
    private const float Q3 = 2.2693863482688769e-04f;

    /// <summary>tanh(x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Tanh(TVec x)
    {
        TVec u = Square(x, TanhLimit);
        TVec quotient = default(TOps).Divide(Clamp(x, TanhLimit), Estrin(u, 1f, Q1, Q2, Q3));
        return default(TOps).Multiply(quotient, Estrin(u, P0, P1, P2, P3, P4, P5));
    }

    /// <summary>tanh(x) as <c>quotient * numerator</c>, the last multiplication left to the caller: <c>x / Q(x^2)</c> (returned)
    /// ends in a division, and <c>P(x^2)</c> is ready before it, so a caller that multiplies tanh(x) by other values can multiply
    /// them into the numerator while the division runs and finish with one multiply-add. The product equals <see cref="Tanh"/>
    /// bit for bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec TanhQuotient(TVec x, out TVec numerator)
    {
        TVec u = Square(x, TanhLimit);
        TVec quotient = default(TOps).Divide(Clamp(x, TanhLimit), Estrin(u, 1f, Q1, Q2, Q3));
        numerator = Estrin(u, P0, P1, P2, P3, P4, P5);
        return quotient;
    }

    /// <summary>1 / (1 + e^-x) = 1/2 + tanh(x / 2) / 2: the tanh's fraction of x / 2, each coefficient of degree k in x^2 divided
    /// by 4^k and the numerator's by 4 more.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Sigmoid(TVec x)
    {
        TVec u = Square(x, 2 * TanhLimit);
        TVec quotient = default(TOps).Divide(Clamp(x, 2 * TanhLimit), Estrin(u, 1f, Q1 / 4f, Q2 / 16f, Q3 / 64f));
        return default(TOps).MultiplyAdd(quotient, Estrin(u, P0 / 4f, P1 / 16f, P2 / 64f, P3 / 256f, P4 / 1024f, P5 / 4096f), default(TOps).Create(0.5f));
    }

    /// <summary>The sigmoid as <c>1/2 + quotient * numerator</c>, split as <see cref="TanhQuotient"/> splits the tanh;
    /// <c>MultiplyAdd(quotient, numerator, 1/2)</c> equals <see cref="Sigmoid"/> bit for bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec SigmoidQuotient(TVec x, out TVec numerator)
    {
        TVec u = Square(x, 2 * TanhLimit);
        TVec quotient = default(TOps).Divide(Clamp(x, 2 * TanhLimit), Estrin(u, 1f, Q1 / 4f, Q2 / 16f, Q3 / 64f));
        numerator = Estrin(u, P0 / 4f, P1 / 16f, P2 / 64f, P3 / 256f, P4 / 1024f, P5 / 4096f);
        return quotient;
    }

    /// <summary>c0 + c1 u + ... + c5 u^5 by Estrin's scheme: three independent pairs, then two multiply-adds by u^2, a chain of
    /// three multiply-adds where Horner's rule has five (the gate functions are on a recurrent step's critical path).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Estrin(TVec u, float c0, float c1, float c2, float c3, float c4, float c5)
    {
        TVec u2 = default(TOps).Multiply(u, u);
        TVec low = default(TOps).MultiplyAdd(default(TOps).Create(c1), u, default(TOps).Create(c0));
        TVec middle = default(TOps).MultiplyAdd(default(TOps).Create(c3), u, default(TOps).Create(c2));
        TVec high = default(TOps).MultiplyAdd(default(TOps).Create(c5), u, default(TOps).Create(c4));
        return default(TOps).MultiplyAdd(default(TOps).MultiplyAdd(high, u2, middle), u2, low);
    }

    /// <summary>c0 + c1 u + c2 u^2 + c3 u^3 by Estrin's scheme: two independent pairs, then one multiply-add by u^2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Estrin(TVec u, float c0, float c1, float c2, float c3)
        => default(TOps).MultiplyAdd(default(TOps).MultiplyAdd(default(TOps).Create(c3), u, default(TOps).Create(c2)), default(TOps).Multiply(u, u), default(TOps).MultiplyAdd(default(TOps).Create(c1), u, default(TOps).Create(c0)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Clamp(TVec x, float limit) => default(TOps).Clamp(x, limit);

    /// <summary>The square of x clamped to [-limit, limit], as <c>min(x^2, limit^2)</c>: one instruction after the multiplication
    /// where squaring the clamped x waits for both bounds, and the same bits (rounding is monotonic and limit^2 is exact), NaN staying
    /// NaN. The polynomials start from it, so the clamp itself leaves the critical path: only the division's numerator reads it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Square(TVec x, float limit) => default(TOps).AtMost(default(TOps).Multiply(x, x), limit * limit);
}
