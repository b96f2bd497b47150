using System;
using System.Globalization;

namespace NetGen.Reinforcement;

/// <summary>
/// Chooses actions from a network's outputs: greedily, epsilon-greedily from action values, or by sampling a softmax
/// policy from its logits. Seeded by <see cref="DeterministicRandom"/>, so that the same seed and the same outputs give
/// the same actions on every machine; nothing allocates.
/// </summary>
/// <remarks>
/// A call with bad input throws before drawing anything, so the sequence of later actions is unchanged. Not thread-safe:
/// use one sampler per thread (one per agent is simplest).
/// </remarks>
public sealed class ActionSampler
{
    private DeterministicRandom _random;

    /// <summary>Creates a sampler seeded with <paramref name="seed"/>.</summary>
    /// <param name="seed">The seed.</param>
    public ActionSampler(int seed = 0) => _random = new DeterministicRandom(seed, stream: 5);

    /// <summary>The generator's state, to save with an agent and put back (see <see cref="DeterministicRandom.ExportState"/>).</summary>
    public DeterministicRandom Generator
    {
        get => _random;
        set => _random = value;
    }

    /// <summary>The action with the largest value; the first of equal ones.</summary>
    /// <param name="values">One finite value per action, at least one.</param>
    /// <returns>The index of the largest value.</returns>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty or holds NaN or infinity.</exception>
    public static int Greedy(ReadOnlySpan<float> values)
    {
        CheckValues(values, nameof(values));
        int best = 0;
        for (int a = 1; a < values.Length; a++)
        {
            if (values[a] > values[best])
            {
                best = a;
            }
        }

        return best;
    }

    /// <summary>With probability <paramref name="epsilon"/> a uniformly random action, otherwise <see cref="Greedy"/>.</summary>
    /// <param name="values">One finite value per action, at least one.</param>
    /// <param name="epsilon">The probability of exploring, in [0, 1].</param>
    /// <returns>The action.</returns>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty or holds NaN or infinity; nothing was drawn.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is outside [0, 1]; nothing was drawn.</exception>
    public int EpsilonGreedy(ReadOnlySpan<float> values, float epsilon)
    {
        CheckValues(values, nameof(values));
        Checks.Range(epsilon, 0f, 1f, nameof(epsilon));
        return _random.NextSingle() < epsilon ? _random.NextInt32(values.Length) : Greedy(values);
    }

    /// <summary>A uniformly random action.</summary>
    /// <param name="actionCount">The number of actions, at least 1.</param>
    /// <returns>An action from 0 to <paramref name="actionCount"/> - 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="actionCount"/> is below 1.</exception>
    public int Uniform(int actionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(actionCount, 1);
        return _random.NextInt32(actionCount);
    }

    /// <summary>An action drawn from the softmax policy <c>pi(a) = exp(z_a / T) / sum_b exp(z_b / T)</c> of the logits <c>z</c>.</summary>
    /// <param name="logits">One finite logit per action, at least one (a policy network's outputs).</param>
    /// <param name="temperature">The temperature <c>T</c>, positive and finite: below 1 sharpens the policy, above 1 flattens it.</param>
    /// <returns>The action.</returns>
    /// <exception cref="ArgumentException"><paramref name="logits"/> is empty or holds NaN or infinity; nothing was drawn.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not positive and finite; nothing was drawn.</exception>
    public int Softmax(ReadOnlySpan<float> logits, float temperature = 1f)
    {
        CheckValues(logits, nameof(logits));
        Checks.Range(temperature, float.Epsilon, float.MaxValue, nameof(temperature));
        double logSum = SoftmaxPolicy.LogSumExp(logits, temperature);
        double u = _random.NextDouble();
        int last = 0;
        for (int a = 0; a < logits.Length; a++)
        {
            double p = Math.Exp((logits[a] / (double)temperature) - logSum);
            if (u < p)
            {
                return a;
            }

            u -= p;
            last = p > 0 ? a : last;
        }

        // Rounding left a sliver past the last probability: it belongs to the last action that has one.
        return last;
    }

    /// <summary>Writes the softmax of <paramref name="logits"/> at temperature <paramref name="temperature"/>: the policy's probabilities.</summary>
    /// <param name="logits">One finite logit per action, at least one.</param>
    /// <param name="probabilities">As long as <paramref name="logits"/>: written.</param>
    /// <param name="temperature">The temperature, positive and finite.</param>
    /// <exception cref="ArgumentException">The lengths differ, or <paramref name="logits"/> is empty or holds NaN or infinity.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not positive and finite.</exception>
    public static void Probabilities(ReadOnlySpan<float> logits, Span<float> probabilities, float temperature = 1f)
    {
        CheckValues(logits, nameof(logits));
        Checks.Length(probabilities.Length, logits.Length, nameof(probabilities), "one per logit");
        Checks.Range(temperature, float.Epsilon, float.MaxValue, nameof(temperature));
        double logSum = SoftmaxPolicy.LogSumExp(logits, temperature);
        for (int a = 0; a < logits.Length; a++)
        {
            probabilities[a] = (float)Math.Exp((logits[a] / (double)temperature) - logSum);
        }
    }

    private static void CheckValues(ReadOnlySpan<float> values, string parameterName)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"'{parameterName}' is empty; it needs one value per action."), parameterName);
        }

        Checks.Finite(values, parameterName);
    }
}
