using System;

namespace NetGen.Reinforcement;

/// <summary>
/// Advantage actor-critic (A2C; Mnih et al. 2016 without the asynchrony): a softmax policy (the actor) moved by the
/// advantage <c>A = G - V(s)</c> with an entropy bonus, and a value estimate (the critic) fitted to the returns <c>G</c>
/// (usually bootstrapped: see <see cref="PolicyGradient.DiscountedReturns(ReadOnlySpan{float}, ReadOnlySpan{bool}, float, float, Span{float})"/>).
/// The actor and the critic are either two networks (<see cref="ActorGradient"/> and <see cref="CriticGradient"/>) or one
/// network with both heads (<see cref="Gradient"/>). The gradients are ready for <see cref="INetwork.Backward"/>;
/// nothing allocates.
/// </summary>
/// <remarks>
/// The policy's outputs are logits (its last layer has <see cref="Activation.None"/>; the helpers apply the softmax,
/// stably) and the value's output is linear. With two networks, after a rollout of <c>n</c> steps:
/// <code>
/// critic.PredictBatch(states, values);                                  // V(s)
/// PolicyGradient.DiscountedReturns(rewards, terminals, gamma, lastValue, returns);
/// for (int r = 0; r &lt; n; r++) advantages[r] = returns[r] - values[r];
/// actor.Forward(states, logits);
/// ActorCritic.ActorGradient(logits, actions, advantages, actorGradients, entropyCoefficient: 0.01f);
/// actor.Backward(actorGradients);  actor.ApplyGradients();
/// critic.Forward(states, values);
/// ActorCritic.CriticGradient(values, returns, criticGradients);
/// critic.Backward(criticGradients);  critic.ApplyGradients();
/// </code>
/// </remarks>
public static class ActorCritic
{
    /// <summary>
    /// The gradient, with respect to the actor's logits, of
    /// <c>L = -(1/rows) sum_r A_r log pi(a_r | s_r) - entropyCoefficient (1/rows) sum_r H(pi(. | s_r))</c>.
    /// </summary>
    /// <param name="logits">The actor's outputs from <see cref="INetwork.Forward"/>: <c>rows * actionCount</c> finite floats.</param>
    /// <param name="actions">The action taken in each row; its length is the number of rows.</param>
    /// <param name="advantages">One finite advantage per row, <c>G_r - V(s_r)</c>.</param>
    /// <param name="gradients">As long as <paramref name="logits"/>: written.</param>
    /// <param name="entropyCoefficient">The weight of the entropy bonus, finite and at least 0 (0.01 is usual).</param>
    /// <returns>The terms of the loss (<see cref="PolicyLosses.Value"/> is 0).</returns>
    /// <exception cref="ArgumentException">The lengths do not agree, or a value is NaN or infinite; nothing was written.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An action is out of range, or the coefficient is negative; nothing was written.</exception>
    public static PolicyLosses ActorGradient(ReadOnlySpan<float> logits, ReadOnlySpan<int> actions, ReadOnlySpan<float> advantages, Span<float> gradients, float entropyCoefficient = 0.01f)
        => PolicyGradient.Policy(logits, actions, advantages, default, 0f, gradients, entropyCoefficient, nameof(advantages));

    /// <summary>The gradient, with respect to the critic's outputs, of <c>L = (1/rows) sum_r (V(s_r) - G_r)^2 / 2</c>.</summary>
    /// <param name="values">The critic's outputs from <see cref="INetwork.Forward"/>: one finite value per row.</param>
    /// <param name="returns">One finite return per row.</param>
    /// <param name="gradients">One per row: written.</param>
    /// <returns>The mean loss <c>L</c>.</returns>
    /// <exception cref="ArgumentException">The lengths do not agree, there are no rows, or a value is NaN or infinite; nothing was written.</exception>
    public static float CriticGradient(ReadOnlySpan<float> values, ReadOnlySpan<float> returns, Span<float> gradients)
    {
        Checks.Columns(values.Length, returns.Length, nameof(values), "values");
        Checks.Length(values.Length, returns.Length, nameof(values), "one value per return: the critic has one output");
        Checks.Length(gradients.Length, values.Length, nameof(gradients), "one per value");
        Checks.Finite(values, nameof(values));
        Checks.Finite(returns, nameof(returns));
        double scale = 1.0 / values.Length;
        double total = 0;
        for (int r = 0; r < values.Length; r++)
        {
            double error = (double)values[r] - returns[r];
            total += 0.5 * error * error;
            gradients[r] = (float)(error * scale);
        }

        return (float)(total * scale);
    }

    /// <summary>
    /// For one network with both heads, whose output rows hold <c>actionCount</c> logits then one value: the gradient of
    /// <c>L = Policy - entropyCoefficient * Entropy + valueCoefficient * Value</c>, with the advantage <c>A_r = G_r - V(s_r)</c>
    /// taken as a constant in the policy term (the value learns from the value term only).
    /// </summary>
    /// <param name="outputs">The network's outputs from <see cref="INetwork.Forward"/>: <c>rows * (actionCount + 1)</c> finite floats, at least 2 actions.</param>
    /// <param name="actions">The action taken in each row; its length is the number of rows.</param>
    /// <param name="returns">One finite return per row.</param>
    /// <param name="gradients">As long as <paramref name="outputs"/>: written.</param>
    /// <param name="entropyCoefficient">The weight of the entropy bonus, finite and at least 0 (0.01 is usual).</param>
    /// <param name="valueCoefficient">The weight of the value term, finite and at least 0 (0.5 is usual).</param>
    /// <returns>The terms of the loss.</returns>
    /// <exception cref="ArgumentException">The lengths do not agree, a row has fewer than 3 outputs, or a value is NaN or infinite; nothing was written.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An action is out of range, or a coefficient is negative; nothing was written.</exception>
    public static PolicyLosses Gradient(ReadOnlySpan<float> outputs, ReadOnlySpan<int> actions, ReadOnlySpan<float> returns, Span<float> gradients, float entropyCoefficient = 0.01f, float valueCoefficient = 0.5f)
    {
        int rows = actions.Length;
        int width = Checks.Columns(outputs.Length, rows, nameof(outputs), "outputs (logits then a value)");
        if (width < 3)
        {
            throw new ArgumentException($"'{nameof(outputs)}' has {width} outputs per row; a network with both heads has at least 2 logits then 1 value per row.", nameof(outputs));
        }

        int actionCount = width - 1;
        Checks.Length(returns.Length, rows, nameof(returns), "one per action");
        Checks.Length(gradients.Length, outputs.Length, nameof(gradients), "as many as outputs");
        Checks.Range(entropyCoefficient, 0f, float.MaxValue, nameof(entropyCoefficient));
        Checks.Range(valueCoefficient, 0f, float.MaxValue, nameof(valueCoefficient));
        Checks.Actions(actions, actionCount, nameof(actions));
        Checks.Finite(outputs, nameof(outputs));
        Checks.Finite(returns, nameof(returns));
        double scale = 1.0 / rows;
        double policy = 0;
        double entropy = 0;
        double value = 0;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = outputs.Slice(r * width, width);
            double error = (double)row[actionCount] - returns[r];
            (double logProbability, double h) = SoftmaxPolicy.Gradient(
                row[..actionCount], actions[r], -error, entropyCoefficient, scale, gradients.Slice(r * width, actionCount));
            gradients[(r * width) + actionCount] = (float)(valueCoefficient * error * scale);
            policy += error * logProbability;
            entropy += h;
            value += 0.5 * error * error;
        }

        policy *= scale;
        entropy *= scale;
        value *= scale;
        return new PolicyLosses((float)policy, (float)entropy, (float)value, (float)(policy - (entropyCoefficient * entropy) + (valueCoefficient * value)));
    }
}
