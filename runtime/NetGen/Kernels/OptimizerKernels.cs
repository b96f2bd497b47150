using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

/// <summary>
/// The update rules over one parameter tensor, used by generated networks. Each reads the stored
/// gradient <c>g</c>, forms the applied gradient <c>g * GradientScale</c> plus, for weights,
/// <c>L1 * sign(p) + L2 * p</c>, and updates the parameters and the optimizer state in place.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class OptimizerKernels
{
    /// <summary><c>p -= lr * g</c>.</summary>
    /// <param name="p">The parameters.</param>
    /// <param name="g">The stored gradient.</param>
    /// <param name="length">The number of elements.</param>
    /// <param name="weights">Whether the tensor holds weights (penalties and decay apply) rather than biases.</param>
    /// <param name="c">The coefficients of this update.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Sgd(ref float p, ref float g, int length, bool weights, in OptimizerCoefficients c)
    {
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Update<SgdRule, Vector512Ops, Vector512<float>>(ref p, ref g, ref p, ref p, (nuint)length, weights, c, ref i);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Update<SgdRule, Vector256Ops, Vector256<float>>(ref p, ref g, ref p, ref p, (nuint)length, weights, c, ref i);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            Update<SgdRule, Vector128Ops, Vector128<float>>(ref p, ref g, ref p, ref p, (nuint)length, weights, c, ref i);
        }

        Update<SgdRule, ScalarOps, float>(ref p, ref g, ref p, ref p, (nuint)length, weights, c, ref i);
    }

    /// <summary>Heavy-ball momentum: <c>v = m v + (1 - dampening) g; p -= lr v</c>.</summary>
    /// <param name="p">The parameters.</param>
    /// <param name="g">The stored gradient.</param>
    /// <param name="v">The momentum buffer.</param>
    /// <param name="length">The number of elements.</param>
    /// <param name="weights">Whether the tensor holds weights (penalties and decay apply) rather than biases.</param>
    /// <param name="c">The coefficients of this update.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Momentum(ref float p, ref float g, ref float v, int length, bool weights, in OptimizerCoefficients c)
        => Dispatch<MomentumRule>(ref p, ref g, ref v, ref v, length, weights, c);

    /// <summary>Nesterov momentum: <c>v = m v + (1 - dampening) g; p -= lr (g + m v)</c>.</summary>
    /// <param name="p">The parameters.</param>
    /// <param name="g">The stored gradient.</param>
    /// <param name="v">The momentum buffer.</param>
    /// <param name="length">The number of elements.</param>
    /// <param name="weights">Whether the tensor holds weights (penalties and decay apply) rather than biases.</param>
    /// <param name="c">The coefficients of this update.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Nesterov(ref float p, ref float g, ref float v, int length, bool weights, in OptimizerCoefficients c)
        => Dispatch<NesterovRule>(ref p, ref g, ref v, ref v, length, weights, c);

    /// <summary>AdaGrad: <c>s += g^2; p -= lr g / (sqrt(s) + eps)</c>.</summary>
    /// <param name="p">The parameters.</param>
    /// <param name="g">The stored gradient.</param>
    /// <param name="s">The sum of squared gradients.</param>
    /// <param name="length">The number of elements.</param>
    /// <param name="weights">Whether the tensor holds weights (penalties and decay apply) rather than biases.</param>
    /// <param name="c">The coefficients of this update.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AdaGrad(ref float p, ref float g, ref float s, int length, bool weights, in OptimizerCoefficients c)
        => Dispatch<AdaGradRule>(ref p, ref g, ref s, ref s, length, weights, c);

    /// <summary>RMSProp: <c>s = rho s + (1 - rho) g^2; p -= lr g / (sqrt(s) + eps)</c>.</summary>
    /// <param name="p">The parameters.</param>
    /// <param name="g">The stored gradient.</param>
    /// <param name="s">The average of squared gradients.</param>
    /// <param name="length">The number of elements.</param>
    /// <param name="weights">Whether the tensor holds weights (penalties and decay apply) rather than biases.</param>
    /// <param name="c">The coefficients of this update.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RMSProp(ref float p, ref float g, ref float s, int length, bool weights, in OptimizerCoefficients c)
        => Dispatch<RMSPropRule>(ref p, ref g, ref s, ref s, length, weights, c);

    /// <summary>Adam and AdamW: for weights <c>p *= WeightDecayFactor</c> first; then
    /// <c>m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= lr/(1 - b1^t) m / (sqrt(v)/sqrt(1 - b2^t) + eps)</c>.</summary>
    /// <param name="p">The parameters.</param>
    /// <param name="g">The stored gradient.</param>
    /// <param name="m">The first moment.</param>
    /// <param name="v">The second moment.</param>
    /// <param name="length">The number of elements.</param>
    /// <param name="weights">Whether the tensor holds weights (penalties and decay apply) rather than biases.</param>
    /// <param name="c">The coefficients of this update.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Adam(ref float p, ref float g, ref float m, ref float v, int length, bool weights, in OptimizerCoefficients c)
        => Dispatch<AdamRule>(ref p, ref g, ref m, ref v, length, weights, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Dispatch<TRule>(ref float p, ref float g, ref float s1, ref float s2, int length, bool weights, in OptimizerCoefficients c)
        where TRule : struct, IUpdateRule
    {
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Update<TRule, Vector512Ops, Vector512<float>>(ref p, ref g, ref s1, ref s2, (nuint)length, weights, c, ref i);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Update<TRule, Vector256Ops, Vector256<float>>(ref p, ref g, ref s1, ref s2, (nuint)length, weights, c, ref i);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            Update<TRule, Vector128Ops, Vector128<float>>(ref p, ref g, ref s1, ref s2, (nuint)length, weights, c, ref i);
        }

        Update<TRule, ScalarOps, float>(ref p, ref g, ref s1, ref s2, (nuint)length, weights, c, ref i);
    }

    private static void Update<TRule, TOps, TVec>(ref float p, ref float g, ref float s1, ref float s2, nuint length, bool weights, in OptimizerCoefficients c, ref nuint start)
        where TRule : struct, IUpdateRule
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
    {
        TVec scale = TOps.Create(c.GradientScale);
        TVec l1 = TOps.Create(weights ? c.L1 : 0f);
        TVec l2 = TOps.Create(weights ? c.L2 : 0f);
        bool penalised = weights && (c.L1 != 0f || c.L2 != 0f);
        nuint i = start;
        for (; i + (nuint)TOps.Count <= length; i += (nuint)TOps.Count)
        {
            TVec param = TOps.Load(ref p, i);
            TVec grad = TOps.Multiply(TOps.Load(ref g, i), scale);
            if (penalised)
            {
                TVec one = TOps.Create(1f);
                TVec zero = TOps.Create(0f);
                TVec sign = TOps.Subtract(TOps.And(TOps.GreaterThan(param, zero), one), TOps.And(TOps.LessThan(param, zero), one));
                grad = TOps.MultiplyAdd(l1, sign, TOps.MultiplyAdd(l2, param, grad));
            }

            TRule.Apply<TOps, TVec>(ref param, grad, ref s1, ref s2, i, weights, c);
            TOps.Store(param, ref p, i);
        }

        start = i;
    }

    private interface IUpdateRule
    {
        static abstract void Apply<TOps, TVec>(ref TVec param, TVec grad, ref float s1, ref float s2, nuint i, bool weights, in OptimizerCoefficients c)
            where TOps : struct, IVectorOps<TVec>
            where TVec : struct;
    }

    private readonly struct SgdRule : IUpdateRule
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Apply<TOps, TVec>(ref TVec param, TVec grad, ref float s1, ref float s2, nuint i, bool weights, in OptimizerCoefficients c)
            where TOps : struct, IVectorOps<TVec>
            where TVec : struct
            => param = TOps.MultiplyAdd(grad, TOps.Create(-c.LearningRate), param);
    }

    private readonly struct MomentumRule : IUpdateRule
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Apply<TOps, TVec>(ref TVec param, TVec grad, ref float s1, ref float s2, nuint i, bool weights, in OptimizerCoefficients c)
            where TOps : struct, IVectorOps<TVec>
            where TVec : struct
        {
            TVec v = TOps.MultiplyAdd(TOps.Load(ref s1, i), TOps.Create(c.Momentum), TOps.Multiply(grad, TOps.Create(c.MomentumGradientFactor)));
            TOps.Store(v, ref s1, i);
            param = TOps.MultiplyAdd(v, TOps.Create(-c.LearningRate), param);
        }
    }

    private readonly struct NesterovRule : IUpdateRule
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Apply<TOps, TVec>(ref TVec param, TVec grad, ref float s1, ref float s2, nuint i, bool weights, in OptimizerCoefficients c)
            where TOps : struct, IVectorOps<TVec>
            where TVec : struct
        {
            TVec momentum = TOps.Create(c.Momentum);
            TVec v = TOps.MultiplyAdd(TOps.Load(ref s1, i), momentum, TOps.Multiply(grad, TOps.Create(c.MomentumGradientFactor)));
            TOps.Store(v, ref s1, i);
            TVec step = TOps.MultiplyAdd(v, momentum, grad);
            param = TOps.MultiplyAdd(step, TOps.Create(-c.LearningRate), param);
        }
    }

    private readonly struct AdaGradRule : IUpdateRule
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Apply<TOps, TVec>(ref TVec param, TVec grad, ref float s1, ref float s2, nuint i, bool weights, in OptimizerCoefficients c)
            where TOps : struct, IVectorOps<TVec>
            where TVec : struct
        {
            TVec s = TOps.MultiplyAdd(grad, grad, TOps.Load(ref s1, i));
            TOps.Store(s, ref s1, i);
            TVec denominator = TOps.Add(TOps.Sqrt(s), TOps.Create(c.Epsilon));
            param = TOps.Subtract(param, TOps.Divide(TOps.Multiply(grad, TOps.Create(c.LearningRate)), denominator));
        }
    }

    private readonly struct RMSPropRule : IUpdateRule
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Apply<TOps, TVec>(ref TVec param, TVec grad, ref float s1, ref float s2, nuint i, bool weights, in OptimizerCoefficients c)
            where TOps : struct, IVectorOps<TVec>
            where TVec : struct
        {
            TVec s = TOps.MultiplyAdd(TOps.Load(ref s1, i), TOps.Create(c.Rho), TOps.Multiply(TOps.Multiply(grad, grad), TOps.Create(1f - c.Rho)));
            TOps.Store(s, ref s1, i);
            TVec denominator = TOps.Add(TOps.Sqrt(s), TOps.Create(c.Epsilon));
            param = TOps.Subtract(param, TOps.Divide(TOps.Multiply(grad, TOps.Create(c.LearningRate)), denominator));
        }
    }

    private readonly struct AdamRule : IUpdateRule
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Apply<TOps, TVec>(ref TVec param, TVec grad, ref float s1, ref float s2, nuint i, bool weights, in OptimizerCoefficients c)
            where TOps : struct, IVectorOps<TVec>
            where TVec : struct
        {
            if (weights)
            {
                param = TOps.Multiply(param, TOps.Create(c.WeightDecayFactor));
            }

            TVec m = TOps.MultiplyAdd(TOps.Load(ref s1, i), TOps.Create(c.Beta1), TOps.Multiply(grad, TOps.Create(1f - c.Beta1)));
            TVec v = TOps.MultiplyAdd(TOps.Load(ref s2, i), TOps.Create(c.Beta2), TOps.Multiply(TOps.Multiply(grad, grad), TOps.Create(1f - c.Beta2)));
            TOps.Store(m, ref s1, i);
            TOps.Store(v, ref s2, i);
            TVec denominator = TOps.MultiplyAdd(TOps.Sqrt(v), TOps.Create(c.AdamInverseRootBiasCorrection2), TOps.Create(c.Epsilon));
            param = TOps.Subtract(param, TOps.Divide(TOps.Multiply(m, TOps.Create(c.AdamStepSize)), denominator));
        }
    }
}
