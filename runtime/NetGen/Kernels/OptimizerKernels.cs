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

    /// <summary>
    /// One vector of a fused update: the generated weight- and bias-gradient kernels call this right after
    /// they have summed a vector of the gradient, while it is still in a register. <paramref name="optimizer"/>
    /// and <paramref name="weights"/> are constants at every call, so the JIT keeps only one rule.
    /// </summary>
    /// <param name="optimizer">The update rule.</param>
    /// <param name="p">The parameters.</param>
    /// <param name="s1">The first state tensor (any reference when the rule keeps none).</param>
    /// <param name="s2">The second state tensor (any reference when the rule keeps fewer).</param>
    /// <param name="i">The offset of the vector from all three references.</param>
    /// <param name="gradient">The stored gradient of these elements (before <see cref="OptimizerCoefficients.GradientScale"/>).</param>
    /// <param name="weights">Whether the elements are weights (penalties and decay apply) rather than biases.</param>
    /// <param name="c">The coefficients of this update.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Update(Optimizer optimizer, ref float p, ref float s1, ref float s2, nuint i, Vector512<float> gradient, bool weights, in OptimizerCoefficients c)
        => UpdateVector<Vector512Ops, Vector512<float>>(optimizer, ref p, ref s1, ref s2, i, gradient, weights, c);

    /// <inheritdoc cref="Update(Optimizer, ref float, ref float, ref float, nuint, Vector512{float}, bool, in OptimizerCoefficients)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Update(Optimizer optimizer, ref float p, ref float s1, ref float s2, nuint i, Vector256<float> gradient, bool weights, in OptimizerCoefficients c)
        => UpdateVector<Vector256Ops, Vector256<float>>(optimizer, ref p, ref s1, ref s2, i, gradient, weights, c);

    /// <inheritdoc cref="Update(Optimizer, ref float, ref float, ref float, nuint, Vector512{float}, bool, in OptimizerCoefficients)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Update(Optimizer optimizer, ref float p, ref float s1, ref float s2, nuint i, Vector128<float> gradient, bool weights, in OptimizerCoefficients c)
        => UpdateVector<Vector128Ops, Vector128<float>>(optimizer, ref p, ref s1, ref s2, i, gradient, weights, c);

    /// <inheritdoc cref="Update(Optimizer, ref float, ref float, ref float, nuint, Vector512{float}, bool, in OptimizerCoefficients)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Update(Optimizer optimizer, ref float p, ref float s1, ref float s2, nuint i, float gradient, bool weights, in OptimizerCoefficients c)
        => UpdateVector<ScalarOps, float>(optimizer, ref p, ref s1, ref s2, i, gradient, weights, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void UpdateVector<TOps, TVec>(Optimizer optimizer, ref float p, ref float s1, ref float s2, nuint i, TVec gradient, bool weights, in OptimizerCoefficients c)
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
    {
        switch (optimizer)
        {
            case Optimizer.Sgd:
                Step<SgdRule, TOps, TVec>(ref p, ref s1, ref s2, i, gradient, weights, c);
                break;
            case Optimizer.Momentum:
                Step<MomentumRule, TOps, TVec>(ref p, ref s1, ref s2, i, gradient, weights, c);
                break;
            case Optimizer.Nesterov:
                Step<NesterovRule, TOps, TVec>(ref p, ref s1, ref s2, i, gradient, weights, c);
                break;
            case Optimizer.AdaGrad:
                Step<AdaGradRule, TOps, TVec>(ref p, ref s1, ref s2, i, gradient, weights, c);
                break;
            case Optimizer.RMSProp:
                Step<RMSPropRule, TOps, TVec>(ref p, ref s1, ref s2, i, gradient, weights, c);
                break;
            default:
                Step<AdamRule, TOps, TVec>(ref p, ref s1, ref s2, i, gradient, weights, c);
                break;
        }
    }

    /// <summary>The update of one vector: the applied gradient (scaled, plus the penalties on weights), then the rule.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step<TRule, TOps, TVec>(ref float p, ref float s1, ref float s2, nuint i, TVec stored, bool weights, in OptimizerCoefficients c)
        where TRule : struct, IUpdateRule
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
    {
        TVec param = TOps.Load(ref p, i);
        TVec grad = TOps.Multiply(stored, TOps.Create(c.GradientScale));
        if (weights && (c.L1 != 0f || c.L2 != 0f))
        {
            grad = Penalised<TOps, TVec>(param, grad, c);
        }

        TRule.Apply<TOps, TVec>(ref param, grad, ref s1, ref s2, i, weights, c);
        TOps.Store(param, ref p, i);
    }

    /// <summary><c>g + L1 sign(p) + L2 p</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Penalised<TOps, TVec>(TVec param, TVec grad, in OptimizerCoefficients c)
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
    {
        TVec one = TOps.Create(1f);
        TVec zero = TOps.Create(0f);
        TVec sign = TOps.Subtract(TOps.And(TOps.GreaterThan(param, zero), one), TOps.And(TOps.LessThan(param, zero), one));
        return TOps.MultiplyAdd(TOps.Create(c.L1), sign, TOps.MultiplyAdd(TOps.Create(c.L2), param, grad));
    }

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
        nuint i = start;
        for (; i + (nuint)TOps.Count <= length; i += (nuint)TOps.Count)
        {
            Step<TRule, TOps, TVec>(ref p, ref s1, ref s2, i, TOps.Load(ref g, i), weights, c);
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
