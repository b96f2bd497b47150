using System;

namespace NetGen.Tests.Reference;

/// <summary>
/// The contract's losses in double precision: the mean over all elements (MSE, MAE, Huber with
/// delta 1, BCE) or over rows (CCE), the cross-entropies computed from the logits.
/// </summary>
internal static class ReferenceLosses
{
    /// <summary>
    /// The mean loss of <paramref name="rows"/> rows and its gradient with respect to the output
    /// layer's pre-activations <paramref name="z"/> (through the output activation).
    /// </summary>
    /// <param name="loss">The loss.</param>
    /// <param name="activation">The output layer's activation.</param>
    /// <param name="z">Pre-activations, rows x outputs.</param>
    /// <param name="y">Outputs, rows x outputs.</param>
    /// <param name="targets">Targets, rows x outputs.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="dz">Receives d mean loss / dz, or null when only the value is needed.</param>
    public static double Evaluate(Loss loss, Activation activation, double[] z, double[] y, ReadOnlySpan<float> targets, int rows, double[]? dz)
    {
        int outputs = z.Length / rows;
        double total = 0;
        double elements = (double)rows * outputs;
        var dy = new double[outputs];
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<double> zr = z.AsSpan(r * outputs, outputs);
            ReadOnlySpan<double> yr = y.AsSpan(r * outputs, outputs);
            ReadOnlySpan<float> tr = targets.Slice(r * outputs, outputs);
            Span<double> dzr = dz is null ? Span<double>.Empty : dz.AsSpan(r * outputs, outputs);
            switch (loss)
            {
                case Loss.BinaryCrossEntropy:
                    for (int i = 0; i < outputs; i++)
                    {
                        double logit = zr[i];
                        total += Math.Max(logit, 0) - (logit * tr[i]) + Math.Log(1.0 + Math.Exp(-Math.Abs(logit)));
                        if (dz is not null)
                        {
                            dzr[i] = (ReferenceActivations.Sigmoid(logit) - tr[i]) / elements;
                        }
                    }

                    continue;
                case Loss.CategoricalCrossEntropy:
                    double logSumExp = ReferenceActivations.LogSumExp(zr);
                    double targetSum = 0;
                    for (int i = 0; i < outputs; i++)
                    {
                        total += tr[i] * (logSumExp - zr[i]);
                        targetSum += tr[i];
                    }

                    if (dz is not null)
                    {
                        for (int i = 0; i < outputs; i++)
                        {
                            dzr[i] = ((targetSum * Math.Exp(zr[i] - logSumExp)) - tr[i]) / rows;
                        }
                    }

                    continue;
            }

            for (int i = 0; i < outputs; i++)
            {
                double d = yr[i] - tr[i];
                double a = Math.Abs(d);
                (double value, double derivative) = loss switch
                {
                    Loss.MeanSquaredError => (d * d, 2 * d),
                    Loss.MeanAbsoluteError => (a, Math.Sign(d)),
                    Loss.Huber => a < 1 ? (0.5 * d * d, d) : (a - 0.5, Math.Sign(d)),
                    _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, null),
                };
                total += value;
                dy[i] = derivative / elements;
            }

            if (dz is not null)
            {
                ReferenceActivations.Backward(activation, zr, yr, dy, dzr);
            }
        }

        return loss == Loss.CategoricalCrossEntropy ? total / rows : total / elements;
    }
}
