using System.ComponentModel;
using System.Runtime.CompilerServices;
#if NET
using System.Runtime.Intrinsics;
#endif

namespace NetGen.Kernels;

/// <summary>
/// The update rules over one parameter tensor, used by generated networks and by
/// <see cref="ParameterOptimizer"/>. Each reads the stored
/// gradient <c>g</c>, forms the applied gradient <c>g * GradientScale</c> plus, for weights,
/// <c>L1 * sign(p) + L2 * p</c>, and updates the parameters and the optimizer state in place.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class OptimizerKernels
{
    /// <summary>
    /// The update of <paramref name="length"/> parameters from <paramref name="p"/> with the rule of
    /// <see cref="OptimizerCoefficients.Optimizer"/>, in a network's slab: the stored gradient is
    /// <see cref="OptimizerCoefficients.BlockLength"/> floats after the parameters and the optimizer state
    /// one and two blocks further.
    /// </summary>
    /// <param name="p">The first parameter.</param>
    /// <param name="length">The number of elements.</param>
    /// <param name="weights">Whether the tensor holds weights (penalties and decay apply) rather than biases.</param>
    /// <param name="c">The coefficients of this update.</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Step(ref float p, int length, bool weights, in OptimizerCoefficients c)
    {
        nint block = c.BlockLength;
        ref float g = ref Unsafe.Add(ref p, block);
        ref float s1 = ref Unsafe.Add(ref g, block);
        ref float s2 = ref Unsafe.Add(ref s1, block);
        Apply(ref p, ref g, ref s1, ref s2, length, weights, c);
    }

    /// <summary>
    /// The update of <paramref name="length"/> parameters with the rule of <see cref="OptimizerCoefficients.Optimizer"/>,
    /// with the gradient and the optimizer state wherever they are (<see cref="OptimizerCoefficients.BlockLength"/> is not
    /// read): the update <see cref="ParameterOptimizer"/> applies to a caller's parameters. A rule that keeps fewer state
    /// tensors never reads <paramref name="s2"/>, nor <paramref name="s1"/> when it keeps none.
    /// </summary>
    /// <param name="p">The first parameter.</param>
    /// <param name="g">The first element of the stored gradient.</param>
    /// <param name="s1">The first element of the first state tensor (momentum buffer, sum or average of squares, Adam's first moment).</param>
    /// <param name="s2">The first element of the second state tensor (Adam's second moment).</param>
    /// <param name="length">The number of elements.</param>
    /// <param name="weights">Whether the tensor holds weights (penalties and decay apply) rather than biases.</param>
    /// <param name="c">The coefficients of this update.</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Step(ref float p, ref float g, ref float s1, ref float s2, int length, bool weights, in OptimizerCoefficients c)
        => Apply(ref p, ref g, ref s1, ref s2, length, weights, c);

    // The one choice of rule both entries share, inlined into each so that a network's update costs no extra call.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Apply(ref float p, ref float g, ref float s1, ref float s2, int length, bool weights, in OptimizerCoefficients c)
    {
        switch (c.Optimizer)
        {
            case Optimizer.Sgd:
                Dispatch<SgdRule>(ref p, ref g, ref p, ref p, length, weights, c);
                break;
            case Optimizer.Momentum:
                Dispatch<MomentumRule>(ref p, ref g, ref s1, ref s1, length, weights, c);
                break;
            case Optimizer.Nesterov:
                Dispatch<NesterovRule>(ref p, ref g, ref s1, ref s1, length, weights, c);
                break;
            case Optimizer.AdaGrad:
                Dispatch<AdaGradRule>(ref p, ref g, ref s1, ref s1, length, weights, c);
                break;
            case Optimizer.RMSProp:
                Dispatch<RMSPropRule>(ref p, ref g, ref s1, ref s1, length, weights, c);
                break;
            default:
                Dispatch<AdamRule>(ref p, ref g, ref s1, ref s2, length, weights, c);
                break;
        }
    }

    /// <summary><c>p -= lr * g</c>.</summary>
    /// <param name="p">The parameters.</param>
    /// <param name="g">The stored gradient.</param>
    /// <param name="length">The number of elements.</param>
    /// <param name="weights">Whether the tensor holds weights (penalties and decay apply) rather than biases.</param>
    /// <param name="c">The coefficients of this update.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Sgd(ref float p, ref float g, int length, bool weights, in OptimizerCoefficients c)
        => Dispatch<SgdRule>(ref p, ref g, ref p, ref p, length, weights, c);

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
#if NET
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
#endif

        Update<TRule, ScalarOps, float>(ref p, ref g, ref s1, ref s2, (nuint)length, weights, c, ref i);
    }

    private static void Update<TRule, TOps, TVec>(ref float p, ref float g, ref float s1, ref float s2, nuint length, bool weights, in OptimizerCoefficients c, ref nuint start)
        where TRule : struct, IUpdateRule
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
    {
        var applied = new AppliedGradient<TOps, TVec>(c, weights);
        default(TRule).Run<TOps, TVec>(ref p, ref g, ref s1, ref s2, length, weights, c, applied, ref start);
    }

    /// <summary>The gradient an update applies: the stored one times <see cref="OptimizerCoefficients.GradientScale"/>,
    /// plus <c>L1 sign(p) + L2 p</c> on weights. Its vectors are built once per call, outside the loops.</summary>
    private readonly struct AppliedGradient<TOps, TVec>
        where TOps : struct, IVectorOps<TVec>
        where TVec : struct
    {
        private readonly TVec _scale;
        private readonly TVec _l1;
        private readonly TVec _l2;
        private readonly bool _penalised;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public AppliedGradient(in OptimizerCoefficients c, bool weights)
        {
            _scale = default(TOps).Create(c.GradientScale);
            _l1 = default(TOps).Create(weights ? c.L1 : 0f);
            _l2 = default(TOps).Create(weights ? c.L2 : 0f);
            _penalised = weights && (c.L1 != 0f || c.L2 != 0f);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TVec Of(TVec param, TVec stored)
        {
            TVec grad = default(TOps).Multiply(stored, _scale);
            if (_penalised)
            {
                TVec one = default(TOps).Create(1f);
                TVec zero = default(TOps).Create(0f);
                TVec sign = default(TOps).Subtract(default(TOps).And(default(TOps).GreaterThan(param, zero), one), default(TOps).And(default(TOps).LessThan(param, zero), one));
                grad = default(TOps).MultiplyAdd(_l1, sign, default(TOps).MultiplyAdd(_l2, param, grad));
            }

            return grad;
        }
    }

    /// <summary>One update rule as a loop over whole vectors from <c>start</c>, with its coefficients broadcast
    /// once before the loop (the JIT cannot hoist them itself, as the stores to the tensors might alias them).</summary>
    private interface IUpdateRule
    {
        void Run<TOps, TVec>(ref float p, ref float g, ref float s1, ref float s2, nuint length, bool weights, in OptimizerCoefficients c, AppliedGradient<TOps, TVec> applied, ref nuint start)
            where TOps : struct, IVectorOps<TVec>
            where TVec : struct;
    }

    private readonly struct SgdRule : IUpdateRule
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run<TOps, TVec>(ref float p, ref float g, ref float s1, ref float s2, nuint length, bool weights, in OptimizerCoefficients c, AppliedGradient<TOps, TVec> applied, ref nuint start)
            where TOps : struct, IVectorOps<TVec>
            where TVec : struct
        {
            TVec minusRate = default(TOps).Create(-c.LearningRate);
            nuint i = start;
            for (; i + (nuint)default(TOps).Count <= length; i += (nuint)default(TOps).Count)
            {
                TVec param = default(TOps).Load(ref p, i);
                TVec grad = applied.Of(param, default(TOps).Load(ref g, i));
                default(TOps).Store(default(TOps).MultiplyAdd(grad, minusRate, param), ref p, i);
            }

            start = i;
        }
    }

    private readonly struct MomentumRule : IUpdateRule
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run<TOps, TVec>(ref float p, ref float g, ref float s1, ref float s2, nuint length, bool weights, in OptimizerCoefficients c, AppliedGradient<TOps, TVec> applied, ref nuint start)
            where TOps : struct, IVectorOps<TVec>
            where TVec : struct
        {
            TVec minusRate = default(TOps).Create(-c.LearningRate);
            TVec momentum = default(TOps).Create(c.Momentum);
            TVec gradientFactor = default(TOps).Create(c.MomentumGradientFactor);
            nuint i = start;
            for (; i + (nuint)default(TOps).Count <= length; i += (nuint)default(TOps).Count)
            {
                TVec param = default(TOps).Load(ref p, i);
                TVec grad = applied.Of(param, default(TOps).Load(ref g, i));
                TVec v = default(TOps).MultiplyAdd(default(TOps).Load(ref s1, i), momentum, default(TOps).Multiply(grad, gradientFactor));
                default(TOps).Store(v, ref s1, i);
                default(TOps).Store(default(TOps).MultiplyAdd(v, minusRate, param), ref p, i);
            }

            start = i;
        }
    }

    private readonly struct NesterovRule : IUpdateRule
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run<TOps, TVec>(ref float p, ref float g, ref float s1, ref float s2, nuint length, bool weights, in OptimizerCoefficients c, AppliedGradient<TOps, TVec> applied, ref nuint start)
            where TOps : struct, IVectorOps<TVec>
            where TVec : struct
        {
            TVec minusRate = default(TOps).Create(-c.LearningRate);
            TVec momentum = default(TOps).Create(c.Momentum);
            TVec gradientFactor = default(TOps).Create(c.MomentumGradientFactor);
            nuint i = start;
            for (; i + (nuint)default(TOps).Count <= length; i += (nuint)default(TOps).Count)
            {
                TVec param = default(TOps).Load(ref p, i);
                TVec grad = applied.Of(param, default(TOps).Load(ref g, i));
                TVec v = default(TOps).MultiplyAdd(default(TOps).Load(ref s1, i), momentum, default(TOps).Multiply(grad, gradientFactor));
                default(TOps).Store(v, ref s1, i);
                TVec step = default(TOps).MultiplyAdd(v, momentum, grad);
                default(TOps).Store(default(TOps).MultiplyAdd(step, minusRate, param), ref p, i);
            }

            start = i;
        }
    }

    private readonly struct AdaGradRule : IUpdateRule
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run<TOps, TVec>(ref float p, ref float g, ref float s1, ref float s2, nuint length, bool weights, in OptimizerCoefficients c, AppliedGradient<TOps, TVec> applied, ref nuint start)
            where TOps : struct, IVectorOps<TVec>
            where TVec : struct
        {
            TVec rate = default(TOps).Create(c.LearningRate);
            TVec epsilon = default(TOps).Create(c.Epsilon);
            nuint i = start;
            for (; i + (nuint)default(TOps).Count <= length; i += (nuint)default(TOps).Count)
            {
                TVec param = default(TOps).Load(ref p, i);
                TVec grad = applied.Of(param, default(TOps).Load(ref g, i));
                TVec s = default(TOps).MultiplyAdd(grad, grad, default(TOps).Load(ref s1, i));
                default(TOps).Store(s, ref s1, i);
                TVec denominator = default(TOps).Add(default(TOps).Sqrt(s), epsilon);
                default(TOps).Store(default(TOps).Subtract(param, default(TOps).Divide(default(TOps).Multiply(grad, rate), denominator)), ref p, i);
            }

            start = i;
        }
    }

    private readonly struct RMSPropRule : IUpdateRule
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run<TOps, TVec>(ref float p, ref float g, ref float s1, ref float s2, nuint length, bool weights, in OptimizerCoefficients c, AppliedGradient<TOps, TVec> applied, ref nuint start)
            where TOps : struct, IVectorOps<TVec>
            where TVec : struct
        {
            TVec rate = default(TOps).Create(c.LearningRate);
            TVec epsilon = default(TOps).Create(c.Epsilon);
            TVec rho = default(TOps).Create(c.Rho);
            TVec oneMinusRho = default(TOps).Create(1f - c.Rho);
            nuint i = start;
            for (; i + (nuint)default(TOps).Count <= length; i += (nuint)default(TOps).Count)
            {
                TVec param = default(TOps).Load(ref p, i);
                TVec grad = applied.Of(param, default(TOps).Load(ref g, i));
                TVec s = default(TOps).MultiplyAdd(default(TOps).Load(ref s1, i), rho, default(TOps).Multiply(default(TOps).Multiply(grad, grad), oneMinusRho));
                default(TOps).Store(s, ref s1, i);
                TVec denominator = default(TOps).Add(default(TOps).Sqrt(s), epsilon);
                default(TOps).Store(default(TOps).Subtract(param, default(TOps).Divide(default(TOps).Multiply(grad, rate), denominator)), ref p, i);
            }

            start = i;
        }
    }

    private readonly struct AdamRule : IUpdateRule
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run<TOps, TVec>(ref float p, ref float g, ref float s1, ref float s2, nuint length, bool weights, in OptimizerCoefficients c, AppliedGradient<TOps, TVec> applied, ref nuint start)
            where TOps : struct, IVectorOps<TVec>
            where TVec : struct
        {
            // AdamW's decoupled decay touches weights only; a factor of 1 leaves them exactly as they are.
            TVec decay = default(TOps).Create(weights ? c.WeightDecayFactor : 1f);
            TVec beta1 = default(TOps).Create(c.Beta1);
            TVec oneMinusBeta1 = default(TOps).Create(1f - c.Beta1);
            TVec beta2 = default(TOps).Create(c.Beta2);
            TVec oneMinusBeta2 = default(TOps).Create(1f - c.Beta2);
            TVec stepSize = default(TOps).Create(c.AdamStepSize);
            TVec inverseRoot = default(TOps).Create(c.AdamInverseRootBiasCorrection2);
            TVec epsilon = default(TOps).Create(c.Epsilon);
            nuint i = start;
            for (; i + (nuint)default(TOps).Count <= length; i += (nuint)default(TOps).Count)
            {
                TVec param = default(TOps).Load(ref p, i);
                TVec grad = applied.Of(param, default(TOps).Load(ref g, i));
                param = default(TOps).Multiply(param, decay);
                TVec m = default(TOps).MultiplyAdd(default(TOps).Load(ref s1, i), beta1, default(TOps).Multiply(grad, oneMinusBeta1));
                TVec v = default(TOps).MultiplyAdd(default(TOps).Load(ref s2, i), beta2, default(TOps).Multiply(default(TOps).Multiply(grad, grad), oneMinusBeta2));
                default(TOps).Store(m, ref s1, i);
                default(TOps).Store(v, ref s2, i);
                TVec denominator = default(TOps).MultiplyAdd(default(TOps).Sqrt(v), inverseRoot, epsilon);
                default(TOps).Store(default(TOps).Subtract(param, default(TOps).Divide(default(TOps).Multiply(m, stepSize), denominator)), ref p, i);
            }

            start = i;
        }
    }
}
