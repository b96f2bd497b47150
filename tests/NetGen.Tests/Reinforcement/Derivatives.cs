using System;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Reinforcement;

/// <summary>Central finite differences of a loss written out in double precision, with respect to each network output.</summary>
internal static class Derivatives
{
    /// <summary>d loss / d x[i] for every i, at <paramref name="x"/> (the central differences of <see cref="ShapedReference.Gradient(double[], Func{double[], double})"/>).</summary>
    public static double[] Of(float[] x, Func<double[], double> loss) => ShapedReference.Gradient(Array.ConvertAll(x, value => (double)value), loss);

    /// <summary>The loss at <paramref name="x"/>.</summary>
    public static double At(float[] x, Func<double[], double> loss) => loss(Array.ConvertAll(x, value => (double)value));

    /// <summary>The softmax's log-probabilities of <c>count</c> logits from <paramref name="offset"/>.</summary>
    public static double[] LogSoftmax(double[] z, int offset, int count)
    {
        double max = double.NegativeInfinity;
        for (int j = 0; j < count; j++)
        {
            max = Math.Max(max, z[offset + j]);
        }

        double sum = 0;
        for (int j = 0; j < count; j++)
        {
            sum += Math.Exp(z[offset + j] - max);
        }

        var log = new double[count];
        for (int j = 0; j < count; j++)
        {
            log[j] = z[offset + j] - max - Math.Log(sum);
        }

        return log;
    }

    /// <summary>The entropy of the softmax of <c>count</c> logits from <paramref name="offset"/>.</summary>
    public static double Entropy(double[] z, int offset, int count)
    {
        double entropy = 0;
        foreach (double logP in LogSoftmax(z, offset, count))
        {
            entropy -= Math.Exp(logP) * logP;
        }

        return entropy;
    }
}
