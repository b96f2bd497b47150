using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace NetGen.Kernels;

/// <summary>
/// Loss functions over one row, used by generated networks. Each returns the row's loss summed
/// over its elements and writes the gradient with respect to the output (or, for the fused
/// cross-entropies, the logits) multiplied by <c>scale</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LossKernels
{
    /// <summary>Squared error: loss <c>(y - t)^2</c>, gradient <c>2 (y - t)</c>.</summary>
    /// <param name="y">The outputs.</param>
    /// <param name="t">The targets.</param>
    /// <param name="dy">Where the scaled gradient goes.</param>
    /// <param name="count">The number of elements.</param>
    /// <param name="scale">The factor applied to the gradient.</param>
    public static float SquaredError(ref float y, ref float t, ref float dy, int count, float scale)
    {
        float sum = 0f;
        for (int i = 0; i < count; i++)
        {
            float d = Unsafe.Add(ref y, i) - Unsafe.Add(ref t, i);
            sum += d * d;
            Unsafe.Add(ref dy, i) = 2f * d * scale;
        }

        return sum;
    }

    /// <summary>Absolute error: loss <c>|y - t|</c>, gradient <c>sign(y - t)</c> (0 at 0).</summary>
    /// <inheritdoc cref="SquaredError"/>
    public static float AbsoluteError(ref float y, ref float t, ref float dy, int count, float scale)
    {
        float sum = 0f;
        for (int i = 0; i < count; i++)
        {
            float d = Unsafe.Add(ref y, i) - Unsafe.Add(ref t, i);
            sum += MathF.Abs(d);
            Unsafe.Add(ref dy, i) = (d > 0f ? 1f : d < 0f ? -1f : 0f) * scale;
        }

        return sum;
    }

    /// <summary>Huber loss with delta 1: <c>0.5 d^2</c> for <c>|d| &lt; 1</c>, <c>|d| - 0.5</c> otherwise; gradient <c>clamp(d, -1, 1)</c>.</summary>
    /// <inheritdoc cref="SquaredError"/>
    public static float Huber(ref float y, ref float t, ref float dy, int count, float scale)
    {
        float sum = 0f;
        for (int i = 0; i < count; i++)
        {
            float d = Unsafe.Add(ref y, i) - Unsafe.Add(ref t, i);
            float a = MathF.Abs(d);
            sum += a < 1f ? 0.5f * d * d : a - 0.5f;
            Unsafe.Add(ref dy, i) = Math.Clamp(d, -1f, 1f) * scale;
        }

        return sum;
    }

    /// <summary>Binary cross-entropy from the logits <paramref name="z"/> of a sigmoid output:
    /// loss <c>max(z, 0) - z t + log(1 + e^-|z|)</c>, gradient with respect to <c>z</c> <c>sigmoid(z) - t</c>.</summary>
    /// <param name="z">The logits.</param>
    /// <param name="y">The sigmoid outputs.</param>
    /// <param name="t">The targets, in [0, 1].</param>
    /// <param name="dz">Where the scaled gradient with respect to the logits goes.</param>
    /// <param name="count">The number of elements.</param>
    /// <param name="scale">The factor applied to the gradient.</param>
    public static float BinaryCrossEntropy(ref float z, ref float y, ref float t, ref float dz, int count, float scale)
    {
        float sum = 0f;
        for (int i = 0; i < count; i++)
        {
            float logit = Unsafe.Add(ref z, i);
            float target = Unsafe.Add(ref t, i);
            sum += MathF.Max(logit, 0f) - (logit * target) + MathF.Log(1f + MathF.Exp(-MathF.Abs(logit)));
            Unsafe.Add(ref dz, i) = (Unsafe.Add(ref y, i) - target) * scale;
        }

        return sum;
    }

    /// <summary>Categorical cross-entropy from the logits <paramref name="z"/> of a softmax output:
    /// loss <c>sum_j t_j (logsumexp(z) - z_j)</c>, gradient with respect to <c>z</c> <c>(sum_j t_j) y - t</c>.</summary>
    /// <param name="z">The logits.</param>
    /// <param name="y">The softmax outputs.</param>
    /// <param name="t">The target distribution (usually one-hot).</param>
    /// <param name="dz">Where the scaled gradient with respect to the logits goes.</param>
    /// <param name="count">The number of classes.</param>
    /// <param name="scale">The factor applied to the gradient.</param>
    public static float CategoricalCrossEntropy(ref float z, ref float y, ref float t, ref float dz, int count, float scale)
    {
        float max = float.NegativeInfinity;
        float targetSum = 0f;
        float weighted = 0f;
        for (int i = 0; i < count; i++)
        {
            float logit = Unsafe.Add(ref z, i);
            max = logit > max || float.IsNaN(logit) ? logit : max;
            float target = Unsafe.Add(ref t, i);
            targetSum += target;
            weighted += target * logit;
        }

        float expSum = 0f;
        for (int i = 0; i < count; i++)
        {
            expSum += MathF.Exp(Unsafe.Add(ref z, i) - max);
        }

        float logSumExp = max + MathF.Log(expSum);
        for (int i = 0; i < count; i++)
        {
            Unsafe.Add(ref dz, i) = ((targetSum * Unsafe.Add(ref y, i)) - Unsafe.Add(ref t, i)) * scale;
        }

        return (targetSum * logSumExp) - weighted;
    }
}
