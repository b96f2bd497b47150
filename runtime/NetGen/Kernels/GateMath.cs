using System.Runtime.CompilerServices;

namespace NetGen.Kernels;

/// <summary>
/// The gate functions of the recurrent layers, written once for every vector width: <c>tanh</c> as a rational function
/// <c>x P(x^2) / Q(x^2)</c> on [-9, 9] (where float's tanh reaches 1), and the sigmoid as <c>1/2 + tanh(x / 2) / 2</c> with the
/// halving folded into the coefficients. A recurrent step runs two gate functions one after the other on its critical path,
/// so they cost one division and a dozen multiply-adds, with no exponential: about half the latency of the exponential form
/// <see cref="VectorMath{TOps, TVec}.Tanh"/>. The coefficients are a minimax fit of NetGen's own (absolute error below 4e-7
/// in float, measured against double by <c>GateActivationTests</c>); NaN gives NaN.
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
        TVec clamped = Clamp(x, TanhLimit);
        TVec u = TOps.Multiply(clamped, clamped);
        TVec p = TOps.MultiplyAdd(TOps.Create(P5), u, TOps.Create(P4));
        p = TOps.MultiplyAdd(p, u, TOps.Create(P3));
        p = TOps.MultiplyAdd(p, u, TOps.Create(P2));
        p = TOps.MultiplyAdd(p, u, TOps.Create(P1));
        p = TOps.MultiplyAdd(p, u, TOps.Create(P0));
        TVec q = TOps.MultiplyAdd(TOps.Create(Q3), u, TOps.Create(Q2));
        q = TOps.MultiplyAdd(q, u, TOps.Create(Q1));
        q = TOps.MultiplyAdd(q, u, TOps.Create(1f));
        return TOps.Divide(TOps.Multiply(clamped, p), q);
    }

    /// <summary>1 / (1 + e^-x) = 1/2 + tanh(x / 2) / 2: the tanh's fraction of x / 2, each coefficient of degree k in x^2 divided
    /// by 4^k and the numerator's by 4 more.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Sigmoid(TVec x)
    {
        TVec clamped = Clamp(x, 2 * TanhLimit);
        TVec u = TOps.Multiply(clamped, clamped);
        TVec p = TOps.MultiplyAdd(TOps.Create(P5 / 4096f), u, TOps.Create(P4 / 1024f));
        p = TOps.MultiplyAdd(p, u, TOps.Create(P3 / 256f));
        p = TOps.MultiplyAdd(p, u, TOps.Create(P2 / 64f));
        p = TOps.MultiplyAdd(p, u, TOps.Create(P1 / 16f));
        p = TOps.MultiplyAdd(p, u, TOps.Create(P0 / 4f));
        TVec q = TOps.MultiplyAdd(TOps.Create(Q3 / 64f), u, TOps.Create(Q2 / 16f));
        q = TOps.MultiplyAdd(q, u, TOps.Create(Q1 / 4f));
        q = TOps.MultiplyAdd(q, u, TOps.Create(1f));
        return TOps.Add(TOps.Divide(TOps.Multiply(clamped, p), q), TOps.Create(0.5f));
    }

    /// <summary>x limited to [-limit, limit]; NaN stays NaN (Max and Min return their first operand's NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Clamp(TVec x, float limit) => TOps.Min(TOps.Max(x, TOps.Create(-limit)), TOps.Create(limit));
}
