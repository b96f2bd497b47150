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
        TVec clamped = default(TOps).Min(default(TOps).Max(x, default(TOps).Create(-87.3f)), default(TOps).Create(88.72283f));
        TVec n = default(TOps).RoundToInteger(default(TOps).Multiply(clamped, default(TOps).Create(1.44269504f)));
        TVec r = default(TOps).MultiplyAdd(n, default(TOps).Create(-0.693359375f), clamped);
        r = default(TOps).MultiplyAdd(n, default(TOps).Create(2.12194440e-4f), r);

        TVec p = default(TOps).Create(1f / 5040f);
        p = default(TOps).MultiplyAdd(p, r, default(TOps).Create(1f / 720f));
        p = default(TOps).MultiplyAdd(p, r, default(TOps).Create(1f / 120f));
        p = default(TOps).MultiplyAdd(p, r, default(TOps).Create(1f / 24f));
        p = default(TOps).MultiplyAdd(p, r, default(TOps).Create(1f / 6f));
        p = default(TOps).MultiplyAdd(p, r, default(TOps).Create(0.5f));
        p = default(TOps).MultiplyAdd(p, r, default(TOps).Create(1f));
        p = default(TOps).MultiplyAdd(p, r, default(TOps).Create(1f));

        // 2^n overflows for n = 128, so scale by 2^(n-1) and then by 2.
        TVec scale = default(TOps).PowerOfTwo(default(TOps).Subtract(n, default(TOps).Create(1f)));
        TVec result = default(TOps).Multiply(default(TOps).Multiply(p, scale), default(TOps).Create(2f));
        return default(TOps).Select(default(TOps).IsNaN(x), x, result);
    }

    /// <summary>e^x - 1 without cancellation near 0 (a Taylor polynomial for |x| &lt; 0.35).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec ExpMinusOne(TVec x)
    {
        TVec p = default(TOps).Create(1f / 40320f);
        p = default(TOps).MultiplyAdd(p, x, default(TOps).Create(1f / 5040f));
        p = default(TOps).MultiplyAdd(p, x, default(TOps).Create(1f / 720f));
        p = default(TOps).MultiplyAdd(p, x, default(TOps).Create(1f / 120f));
        p = default(TOps).MultiplyAdd(p, x, default(TOps).Create(1f / 24f));
        p = default(TOps).MultiplyAdd(p, x, default(TOps).Create(1f / 6f));
        p = default(TOps).MultiplyAdd(p, x, default(TOps).Create(0.5f));
        p = default(TOps).MultiplyAdd(p, x, default(TOps).Create(1f));
        TVec small = default(TOps).Multiply(p, x);
        TVec large = default(TOps).Subtract(Exp(x), default(TOps).Create(1f));
        return default(TOps).Select(default(TOps).LessThan(default(TOps).Abs(x), default(TOps).Create(0.35f)), small, large);
    }

    /// <summary>tanh(x): an odd Taylor polynomial for |x| &lt; 0.4, <c>1 - 2 / (e^(2|x|) + 1)</c> with the sign restored otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Tanh(TVec x)
    {
        TVec ax = default(TOps).Abs(x);
        TVec x2 = default(TOps).Multiply(x, x);
        TVec p = default(TOps).Create(-1382f / 155925f);
        p = default(TOps).MultiplyAdd(p, x2, default(TOps).Create(62f / 2835f));
        p = default(TOps).MultiplyAdd(p, x2, default(TOps).Create(-17f / 315f));
        p = default(TOps).MultiplyAdd(p, x2, default(TOps).Create(2f / 15f));
        p = default(TOps).MultiplyAdd(p, x2, default(TOps).Create(-1f / 3f));
        TVec small = default(TOps).MultiplyAdd(default(TOps).Multiply(p, x2), x, x);

        TVec e = Exp(default(TOps).Add(ax, ax));
        TVec magnitude = default(TOps).Subtract(default(TOps).Create(1f), default(TOps).Divide(default(TOps).Create(2f), default(TOps).Add(e, default(TOps).Create(1f))));
        TVec large = default(TOps).Select(default(TOps).LessThan(x, default(TOps).Create(0f)), default(TOps).Subtract(default(TOps).Create(0f), magnitude), magnitude);
        return default(TOps).Select(default(TOps).LessThan(ax, default(TOps).Create(0.4f)), small, large);
    }

    /// <summary>1 / (1 + e^-x), with x clamped to [-80, 80] so that results stay normal floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Sigmoid(TVec x)
    {
        TVec clamped = default(TOps).Min(default(TOps).Max(x, default(TOps).Create(-80f)), default(TOps).Create(80f));
        TVec e = Exp(default(TOps).Subtract(default(TOps).Create(0f), clamped));
        TVec result = default(TOps).Divide(default(TOps).Create(1f), default(TOps).Add(default(TOps).Create(1f), e));
        return default(TOps).Select(default(TOps).IsNaN(x), x, result);
    }
}
