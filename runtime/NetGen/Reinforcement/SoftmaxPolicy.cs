using System;

namespace NetGen.Reinforcement;

/// <summary>A categorical policy over logits, <c>pi = softmax(z)</c>, computed in double from the largest logit down.</summary>
internal static class SoftmaxPolicy
{
    /// <summary><c>log sum_j exp(z_j / temperature)</c>.</summary>
    public static double LogSumExp(ReadOnlySpan<float> logits, double temperature = 1)
    {
        double max = double.NegativeInfinity;
        foreach (float z in logits)
        {
            max = Math.Max(max, z / temperature);
        }

        double sum = 0;
        foreach (float z in logits)
        {
            sum += Math.Exp((z / temperature) - max);
        }

        return max + Math.Log(sum);
    }

    /// <summary>
    /// Writes into <paramref name="gradient"/> the gradient with respect to the logits of
    /// <c>scale * (-advantage * log pi(action) - entropyCoefficient * H(pi))</c>, and returns <c>log pi(action)</c> and the entropy <c>H</c>.
    /// </summary>
    /// <remarks>
    /// With <c>p = softmax(z)</c>: <c>d(-log p_a)/dz_j = p_j - [j = a]</c>, and <c>dH/dz_j = -p_j (log p_j + H)</c>.
    /// </remarks>
    public static (double LogProbability, double Entropy) Gradient(ReadOnlySpan<float> logits, int action, double advantage, double entropyCoefficient, double scale, Span<float> gradient)
    {
        double logSum = LogSumExp(logits);
        double entropy = 0;
        foreach (float z in logits)
        {
            double logP = z - logSum;
            entropy -= Math.Exp(logP) * logP;
        }

        for (int j = 0; j < logits.Length; j++)
        {
            double logP = logits[j] - logSum;
            double p = Math.Exp(logP);
            double policy = advantage * (p - (j == action ? 1 : 0));
            double bonus = entropyCoefficient * p * (logP + entropy);
            gradient[j] = (float)(scale * (policy + bonus));
        }

        return (logits[action] - logSum, entropy);
    }
}
