using System;
using System.ComponentModel;

namespace NetGen.Kernels;

/// <summary>
/// The scalars of one optimizer update, computed once per step from the hyperparameters, the
/// step number and the gradient scale, and passed to every <see cref="OptimizerKernels"/> call.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct OptimizerCoefficients
{
    /// <summary>The norm of a gradient above which an update is refused: far beyond any training that converges,
    /// and far enough below float's range that the update of a refused gradient could not have overflowed.</summary>
    public const double GradientNormLimit = 1e30;

    /// <summary>The update rule.</summary>
    public Optimizer Optimizer { get; init; }

    /// <summary>The floats from a parameter to its stored gradient, and from there to each tensor of optimizer state
    /// (the length of one parameter-shaped block of the network's slab).</summary>
    public int BlockLength { get; init; }

    /// <summary>The factor turning the stored gradient into the one to apply (the mean over rows, times the clipping factor).</summary>
    public float GradientScale { get; init; }

    /// <summary>The learning rate.</summary>
    public float LearningRate { get; init; }

    /// <summary>The L1 penalty on weights.</summary>
    public float L1 { get; init; }

    /// <summary>The L2 penalty on weights.</summary>
    public float L2 { get; init; }

    /// <summary><c>1 - lr * wd</c> for AdamW's decoupled decay of weights; 1 otherwise.</summary>
    public float WeightDecayFactor { get; init; }

    /// <summary>The momentum factor.</summary>
    public float Momentum { get; init; }

    /// <summary><c>1 - dampening</c>.</summary>
    public float MomentumGradientFactor { get; init; }

    /// <summary>Adam's first-moment decay.</summary>
    public float Beta1 { get; init; }

    /// <summary>Adam's second-moment decay.</summary>
    public float Beta2 { get; init; }

    /// <summary><c>lr / (1 - beta1^t)</c>.</summary>
    public float AdamStepSize { get; init; }

    /// <summary><c>1 / sqrt(1 - beta2^t)</c>.</summary>
    public float AdamInverseRootBiasCorrection2 { get; init; }

    /// <summary>The denominator term.</summary>
    public float Epsilon { get; init; }

    /// <summary>RMSProp's decay.</summary>
    public float Rho { get; init; }

    /// <summary>Computes the coefficients of update number <paramref name="step"/> (1 for the first).</summary>
    /// <param name="optimizer">The update rule.</param>
    /// <param name="hyperparameters">The current hyperparameters.</param>
    /// <param name="step">The number of the update being taken, at least 1.</param>
    /// <param name="gradientScale">The factor turning the stored gradient into the one to apply.</param>
    /// <param name="blockLength">The floats from a parameter to its gradient and optimizer state (see <see cref="BlockLength"/>).</param>
    public static OptimizerCoefficients Create(Optimizer optimizer, in Hyperparameters hyperparameters, long step, float gradientScale, int blockLength = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1L);
        float lr = hyperparameters.LearningRate;
        float stepSize = 0f;
        float inverseRoot = 0f;
        if (optimizer is Optimizer.Adam or Optimizer.AdamW)
        {
            // As PyTorch: bias corrections in double, then the step size lr / (1 - beta1^t).
            double correction1 = 1.0 - Math.Pow(hyperparameters.Beta1, step);
            double correction2 = 1.0 - Math.Pow(hyperparameters.Beta2, step);
            stepSize = (float)(lr / correction1);
            inverseRoot = (float)(1.0 / Math.Sqrt(correction2));
        }

        return new OptimizerCoefficients
        {
            Optimizer = optimizer,
            BlockLength = blockLength,
            GradientScale = gradientScale,
            LearningRate = lr,
            L1 = hyperparameters.L1,
            L2 = hyperparameters.L2,
            WeightDecayFactor = optimizer == Optimizer.AdamW ? 1f - (lr * hyperparameters.WeightDecay) : 1f,
            Momentum = hyperparameters.Momentum,
            MomentumGradientFactor = 1f - hyperparameters.Dampening,
            Beta1 = hyperparameters.Beta1,
            Beta2 = hyperparameters.Beta2,
            AdamStepSize = stepSize,
            AdamInverseRootBiasCorrection2 = inverseRoot,
            Epsilon = hyperparameters.Epsilon,
            Rho = hyperparameters.Rho,
        };
    }

    /// <summary>
    /// The gradient scale of one update from a stored gradient: the norm of the applied gradient
    /// (<paramref name="scale"/> times the stored one) is computed in double; with <paramref name="clipNorm"/> above 0 and a
    /// larger norm, the scale is reduced so that the applied gradient has norm <paramref name="clipNorm"/>.
    /// </summary>
    /// <param name="gradient">The first element of the stored gradient.</param>
    /// <param name="length">The number of elements.</param>
    /// <param name="scale">The factor turning the stored gradient into the one to apply.</param>
    /// <param name="clipNorm">The clipping norm, 0 for none.</param>
    /// <param name="norm">The norm of the applied gradient before clipping.</param>
    /// <param name="clippedScale">The scale to apply.</param>
    /// <returns>False when the norm is NaN, infinite or above <see cref="GradientNormLimit"/>: the update must be refused.</returns>
    internal static bool TryClippedScale(ref float gradient, int length, float scale, float clipNorm, out double norm, out float clippedScale)
    {
        norm = Math.Sqrt(Reductions.SumOfSquares(ref gradient, length)) * scale;
        clippedScale = scale;
        if (!double.IsFinite(norm) || norm > GradientNormLimit)
        {
            return false;
        }

        if (clipNorm > 0f && norm > clipNorm)
        {
            clippedScale = (float)(scale * (clipNorm / norm));
        }

        return true;
    }
}
