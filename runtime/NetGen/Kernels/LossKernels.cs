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

    /// <summary>Binary cross-entropy from the logits <paramref name="z"/> of an output without activation, as PyTorch's
    /// <c>BCEWithLogitsLoss</c>: the loss and gradient of <see cref="BinaryCrossEntropy"/> with the sigmoid computed here.</summary>
    /// <param name="z">The logits (the network's outputs).</param>
    /// <param name="t">The targets, in [0, 1].</param>
    /// <param name="dz">Where the scaled gradient with respect to the logits goes.</param>
    /// <param name="count">The number of elements.</param>
    /// <param name="scale">The factor applied to the gradient.</param>
    public static float BinaryCrossEntropyFromLogits(ref float z, ref float t, ref float dz, int count, float scale)
    {
        for (int i = 0; i < count; i++)
        {
            Unsafe.Add(ref dz, i) = 1f / (1f + MathF.Exp(-Unsafe.Add(ref z, i)));
        }

        return BinaryCrossEntropy(ref z, ref dz, ref t, ref dz, count, scale);
    }

    /// <summary>Categorical cross-entropy from the logits <paramref name="z"/> of an output without activation, as
    /// PyTorch's <c>CrossEntropyLoss</c> with class probabilities: the loss and gradient of
    /// <see cref="CategoricalCrossEntropy"/> with the softmax computed here.</summary>
    /// <param name="z">The logits (the network's outputs).</param>
    /// <param name="t">The target distribution (usually one-hot).</param>
    /// <param name="dz">Where the scaled gradient with respect to the logits goes.</param>
    /// <param name="count">The number of classes.</param>
    /// <param name="scale">The factor applied to the gradient.</param>
    public static float CategoricalCrossEntropyFromLogits(ref float z, ref float t, ref float dz, int count, float scale)
    {
        Softmax(ref z, ref dz, count);
        return CategoricalCrossEntropy(ref z, ref dz, ref t, ref dz, count, scale);
    }

    /// <summary>Categorical cross-entropy of one class index from the logits <paramref name="z"/> of a softmax output:
    /// loss <c>logsumexp(z) - z_k</c>, gradient with respect to <c>z</c> <c>y - onehot(k)</c>. The caller has checked that
    /// <paramref name="target"/> is a whole number from 0 to <c>count - 1</c>.</summary>
    /// <param name="z">The logits.</param>
    /// <param name="y">The softmax outputs.</param>
    /// <param name="target">The index of the true class, as a float.</param>
    /// <param name="dz">Where the scaled gradient with respect to the logits goes.</param>
    /// <param name="count">The number of classes.</param>
    /// <param name="scale">The factor applied to the gradient.</param>
    public static float SparseCategoricalCrossEntropy(ref float z, ref float y, float target, ref float dz, int count, float scale)
    {
        int k = (int)target;
        float max = float.NegativeInfinity;
        for (int i = 0; i < count; i++)
        {
            float logit = Unsafe.Add(ref z, i);
            max = logit > max || float.IsNaN(logit) ? logit : max;
        }

        float expSum = 0f;
        for (int i = 0; i < count; i++)
        {
            expSum += MathF.Exp(Unsafe.Add(ref z, i) - max);
        }

        float loss = max + MathF.Log(expSum) - Unsafe.Add(ref z, k);

        // y and dz may be the same floats (the logits form computes the softmax into dz): read y_k before any is scaled.
        float yk = Unsafe.Add(ref y, k);
        for (int i = 0; i < count; i++)
        {
            Unsafe.Add(ref dz, i) = Unsafe.Add(ref y, i) * scale;
        }

        Unsafe.Add(ref dz, k) = (yk - 1f) * scale;
        return loss;
    }

    /// <summary>Categorical cross-entropy of one class index from the logits <paramref name="z"/> of an output without
    /// activation, as PyTorch's <c>CrossEntropyLoss</c> with class indices: the loss and gradient of
    /// <see cref="SparseCategoricalCrossEntropy"/> with the softmax computed here.</summary>
    /// <param name="z">The logits (the network's outputs).</param>
    /// <param name="target">The index of the true class, as a float.</param>
    /// <param name="dz">Where the scaled gradient with respect to the logits goes.</param>
    /// <param name="count">The number of classes.</param>
    /// <param name="scale">The factor applied to the gradient.</param>
    public static float SparseCategoricalCrossEntropyFromLogits(ref float z, float target, ref float dz, int count, float scale)
    {
        Softmax(ref z, ref dz, count);
        return SparseCategoricalCrossEntropy(ref z, ref dz, target, ref dz, count, scale);
    }

    // The softmax of count logits into p, shifted by their maximum so that no exponential overflows.
    private static void Softmax(ref float z, ref float p, int count)
    {
        float max = float.NegativeInfinity;
        for (int i = 0; i < count; i++)
        {
            float logit = Unsafe.Add(ref z, i);
            max = logit > max || float.IsNaN(logit) ? logit : max;
        }

        float sum = 0f;
        for (int i = 0; i < count; i++)
        {
            float e = MathF.Exp(Unsafe.Add(ref z, i) - max);
            Unsafe.Add(ref p, i) = e;
            sum += e;
        }

        float inverse = 1f / sum;
        for (int i = 0; i < count; i++)
        {
            Unsafe.Add(ref p, i) *= inverse;
        }
    }
}
