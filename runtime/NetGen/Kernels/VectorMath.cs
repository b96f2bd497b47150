using System.Runtime.CompilerServices;

namespace NetGen.Kernels;

/// <summary>
/// Elementary functions written once for every vector width. Accuracy is within a few units in
/// the last place of float over the ranges networks use; NaN inputs give NaN.
/// </summary>
internal static class VectorMath<TOps, TVec>
    where TOps : struct, IVectorOps<TVec>
    where TVec : struct
{
    /// <summary>e^x: Cody-Waite reduction to r in [-ln2/2, ln2/2], a degree-7 Taylor polynomial, and 2^n.
    /// Results below e^-87.3 stay at about 1.2e-38 rather than going subnormal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Exp(TVec x)
    {
        TVec clamped = TOps.Min(TOps.Max(x, TOps.Create(-87.3f)), TOps.Create(88.72283f));
        TVec n = TOps.RoundToInteger(TOps.Multiply(clamped, TOps.Create(1.44269504f)));
        TVec r = TOps.MultiplyAdd(n, TOps.Create(-0.693359375f), clamped);
        r = TOps.MultiplyAdd(n, TOps.Create(2.12194440e-4f), r);

        TVec p = TOps.Create(1f / 5040f);
        p = TOps.MultiplyAdd(p, r, TOps.Create(1f / 720f));
        p = TOps.MultiplyAdd(p, r, TOps.Create(1f / 120f));
        p = TOps.MultiplyAdd(p, r, TOps.Create(1f / 24f));
        p = TOps.MultiplyAdd(p, r, TOps.Create(1f / 6f));
        p = TOps.MultiplyAdd(p, r, TOps.Create(0.5f));
        p = TOps.MultiplyAdd(p, r, TOps.Create(1f));
        p = TOps.MultiplyAdd(p, r, TOps.Create(1f));

        // 2^n overflows for n = 128, so scale by 2^(n-1) and then by 2.
        TVec scale = TOps.PowerOfTwo(TOps.Subtract(n, TOps.Create(1f)));
        TVec result = TOps.Multiply(TOps.Multiply(p, scale), TOps.Create(2f));
        return TOps.Select(TOps.IsNaN(x), x, result);
    }

    /// <summary>e^x - 1 without cancellation near 0 (a Taylor polynomial for |x| &lt; 0.35).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec ExpMinusOne(TVec x)
    {
        TVec p = TOps.Create(1f / 40320f);
        p = TOps.MultiplyAdd(p, x, TOps.Create(1f / 5040f));
        p = TOps.MultiplyAdd(p, x, TOps.Create(1f / 720f));
        p = TOps.MultiplyAdd(p, x, TOps.Create(1f / 120f));
        p = TOps.MultiplyAdd(p, x, TOps.Create(1f / 24f));
        p = TOps.MultiplyAdd(p, x, TOps.Create(1f / 6f));
        p = TOps.MultiplyAdd(p, x, TOps.Create(0.5f));
        p = TOps.MultiplyAdd(p, x, TOps.Create(1f));
        TVec small = TOps.Multiply(p, x);
        TVec large = TOps.Subtract(Exp(x), TOps.Create(1f));
        return TOps.Select(TOps.LessThan(TOps.Abs(x), TOps.Create(0.35f)), small, large);
    }

    /// <summary>tanh(x): an odd Taylor polynomial for |x| &lt; 0.4, <c>1 - 2 / (e^(2|x|) + 1)</c> with the sign restored otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Tanh(TVec x)
    {
        TVec ax = TOps.Abs(x);
        TVec x2 = TOps.Multiply(x, x);
        TVec p = TOps.Create(-1382f / 155925f);
        p = TOps.MultiplyAdd(p, x2, TOps.Create(62f / 2835f));
        p = TOps.MultiplyAdd(p, x2, TOps.Create(-17f / 315f));
        p = TOps.MultiplyAdd(p, x2, TOps.Create(2f / 15f));
        p = TOps.MultiplyAdd(p, x2, TOps.Create(-1f / 3f));
        TVec small = TOps.MultiplyAdd(TOps.Multiply(p, x2), x, x);

        TVec e = Exp(TOps.Add(ax, ax));
        TVec magnitude = TOps.Subtract(TOps.Create(1f), TOps.Divide(TOps.Create(2f), TOps.Add(e, TOps.Create(1f))));
        TVec large = TOps.Select(TOps.LessThan(x, TOps.Create(0f)), TOps.Subtract(TOps.Create(0f), magnitude), magnitude);
        return TOps.Select(TOps.LessThan(ax, TOps.Create(0.4f)), small, large);
    }

    /// <summary>1 / (1 + e^-x), with x clamped to [-80, 80] so that results stay normal floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Sigmoid(TVec x)
    {
        TVec clamped = TOps.Min(TOps.Max(x, TOps.Create(-80f)), TOps.Create(80f));
        TVec e = Exp(TOps.Subtract(TOps.Create(0f), clamped));
        TVec result = TOps.Divide(TOps.Create(1f), TOps.Add(TOps.Create(1f), e));
        return TOps.Select(TOps.IsNaN(x), x, result);
    }
}
