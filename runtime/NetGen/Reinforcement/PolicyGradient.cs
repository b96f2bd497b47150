using System;

namespace NetGen.Reinforcement;

/// <summary>
/// REINFORCE with a baseline (Williams 1992) for a policy network whose outputs are the logits of a softmax over
/// discrete actions (its last layer has <see cref="Activation.None"/>; the helpers apply the softmax, stably), and the
/// discounted returns it learns from. The gradients are ready for <see cref="INetwork.Backward"/>; nothing allocates.
/// </summary>
/// <remarks>
/// After an episode of <c>T</c> steps, with the states, actions and rewards kept:
/// <code>
/// PolicyGradient.DiscountedReturns(rewards, gamma, returns);
/// policy.Forward(states, logits);                                     // T &lt;= BatchSize rows, or in chunks
/// PolicyGradient.Reinforce(logits, actions, returns, baseline, gradients);
/// policy.Backward(gradients);
/// policy.ApplyGradients();
/// </code>
/// A learned baseline <c>b(s)</c> is a value network trained on the same returns (<see cref="ActorCritic.CriticGradient"/>);
/// actor-critic methods replace the whole return by a bootstrapped one (<see cref="ActorCritic"/>).
/// </remarks>
public static class PolicyGradient
{
    /// <summary>The discounted returns of one episode that ended: <c>G_t = r_t + gamma G_(t+1)</c>, with <c>G_T = 0</c>.</summary>
    /// <param name="rewards">The rewards in order, finite.</param>
    /// <param name="gamma">The discount, in [0, 1].</param>
    /// <param name="returns">One per reward, written; may be <paramref name="rewards"/> itself.</param>
    /// <exception cref="ArgumentException">The lengths differ, or a reward is NaN or infinite; nothing was written.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gamma"/> is outside [0, 1].</exception>
    public static void DiscountedReturns(ReadOnlySpan<float> rewards, float gamma, Span<float> returns)
        => DiscountedReturns(rewards, default, gamma, 0f, returns);

    /// <summary>
    /// The discounted returns of a stretch of steps of one environment, which may cross the ends of episodes:
    /// <c>G_t = r_t + gamma G_(t+1)</c>, where <c>G_(t+1)</c> is 0 after a terminal step and <paramref name="bootstrapValue"/>
    /// after the last step (the value of the state it reached, or 0 when the stretch ends an episode).
    /// </summary>
    /// <param name="rewards">The rewards in order, finite.</param>
    /// <param name="terminals">One flag per reward (whether that step ended the episode with no future), or empty for none.</param>
    /// <param name="gamma">The discount, in [0, 1].</param>
    /// <param name="bootstrapValue">The value of the state after the last step, finite.</param>
    /// <param name="returns">One per reward, written; may be <paramref name="rewards"/> itself.</param>
    /// <remarks>An episode cut by a time limit is not terminal: add <c>gamma V(s')</c> to its last reward and mark it terminal.</remarks>
    /// <exception cref="ArgumentException">The lengths differ, or a reward or the bootstrap value is NaN or infinite; nothing was written.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gamma"/> is outside [0, 1].</exception>
    public static void DiscountedReturns(ReadOnlySpan<float> rewards, ReadOnlySpan<bool> terminals, float gamma, float bootstrapValue, Span<float> returns)
    {
        Checks.Length(returns.Length, rewards.Length, nameof(returns), "one per reward");
        if (!terminals.IsEmpty)
        {
            Checks.Length(terminals.Length, rewards.Length, nameof(terminals), "one per reward, or none");
        }

        Checks.Range(gamma, 0f, 1f, nameof(gamma));
        Checks.Finite(bootstrapValue, nameof(bootstrapValue));
        Checks.Finite(rewards, nameof(rewards));
        double next = bootstrapValue;
        for (int t = rewards.Length - 1; t >= 0; t--)
        {
            if (!terminals.IsEmpty && terminals[t])
            {
                next = 0;
            }

            next = rewards[t] + (gamma * next);
            returns[t] = (float)next;
        }
    }

    /// <summary>
    /// The gradient, with respect to the policy's logits, of REINFORCE's loss with a baseline per row:
    /// <c>L = -(1/rows) sum_r (G_r - b_r) log pi(a_r | s_r) - entropyCoefficient (1/rows) sum_r H(pi(. | s_r))</c>.
    /// </summary>
    /// <param name="logits">The policy's outputs from <see cref="INetwork.Forward"/>: <c>rows * actionCount</c> finite floats.</param>
    /// <param name="actions">The action taken in each row; its length is the number of rows.</param>
    /// <param name="returns">One finite return per row (see <see cref="DiscountedReturns(ReadOnlySpan{float}, float, Span{float})"/>).</param>
    /// <param name="baselines">One finite baseline per row (a value network's <c>V(s_r)</c>, for example).</param>
    /// <param name="gradients">As long as <paramref name="logits"/>: written.</param>
    /// <param name="entropyCoefficient">The weight of the entropy bonus, finite and at least 0 (0.01 is usual; 0 turns it off).</param>
    /// <returns>The terms of the loss (<see cref="PolicyLosses.Value"/> is 0).</returns>
    /// <exception cref="ArgumentException">The lengths do not agree, or a value is NaN or infinite; nothing was written.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An action is out of range, or the coefficient is negative; nothing was written.</exception>
    public static PolicyLosses Reinforce(ReadOnlySpan<float> logits, ReadOnlySpan<int> actions, ReadOnlySpan<float> returns, ReadOnlySpan<float> baselines, Span<float> gradients, float entropyCoefficient = 0f)
    {
        Checks.Length(baselines.Length, actions.Length, nameof(baselines), "one per action");
        Checks.Finite(baselines, nameof(baselines));
        return Policy(logits, actions, returns, baselines, 0f, gradients, entropyCoefficient, nameof(returns));
    }

    /// <summary>
    /// The gradient of REINFORCE's loss with one baseline for every row (a running mean of the returns, for example):
    /// <c>L = -(1/rows) sum_r (G_r - b) log pi(a_r | s_r) - entropyCoefficient (1/rows) sum_r H(pi(. | s_r))</c>.
    /// </summary>
    /// <param name="logits">The policy's outputs: <c>rows * actionCount</c> finite floats.</param>
    /// <param name="actions">The action taken in each row; its length is the number of rows.</param>
    /// <param name="returns">One finite return per row.</param>
    /// <param name="baseline">The baseline, finite.</param>
    /// <param name="gradients">As long as <paramref name="logits"/>: written.</param>
    /// <param name="entropyCoefficient">The weight of the entropy bonus, finite and at least 0.</param>
    /// <returns>The terms of the loss (<see cref="PolicyLosses.Value"/> is 0).</returns>
    /// <exception cref="ArgumentException">The lengths do not agree, or a value is NaN or infinite; nothing was written.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An action is out of range, or the coefficient is negative; nothing was written.</exception>
    public static PolicyLosses Reinforce(ReadOnlySpan<float> logits, ReadOnlySpan<int> actions, ReadOnlySpan<float> returns, float baseline, Span<float> gradients, float entropyCoefficient = 0f)
    {
        Checks.Finite(baseline, nameof(baseline));
        return Policy(logits, actions, returns, default, baseline, gradients, entropyCoefficient, nameof(returns));
    }

    /// <summary>The policy loss's gradient with advantages <c>A_r = scores_r - baselines_r</c> (or <c>- baseline</c> when
    /// <paramref name="baselines"/> is empty), checked first; shared with <see cref="ActorCritic.ActorGradient"/>.</summary>
    internal static PolicyLosses Policy(ReadOnlySpan<float> logits, ReadOnlySpan<int> actions, ReadOnlySpan<float> scores, ReadOnlySpan<float> baselines, float baseline, Span<float> gradients, float entropyCoefficient, string scoresName)
    {
        int rows = actions.Length;
        int actionCount = Checks.Columns(logits.Length, rows, nameof(logits), "logits");
        Checks.Length(scores.Length, rows, scoresName, "one per action");
        Checks.Length(gradients.Length, logits.Length, nameof(gradients), "as many as logits");
        Checks.Range(entropyCoefficient, 0f, float.MaxValue, nameof(entropyCoefficient));
        Checks.Actions(actions, actionCount, nameof(actions));
        Checks.Finite(logits, nameof(logits));
        Checks.Finite(scores, scoresName);
        double scale = 1.0 / rows;
        double policy = 0;
        double entropy = 0;
        for (int r = 0; r < rows; r++)
        {
            double advantage = (double)scores[r] - (baselines.IsEmpty ? baseline : baselines[r]);
            (double logProbability, double h) = SoftmaxPolicy.Gradient(
                logits.Slice(r * actionCount, actionCount), actions[r], advantage, entropyCoefficient, scale, gradients.Slice(r * actionCount, actionCount));
            policy -= advantage * logProbability;
            entropy += h;
        }

        policy *= scale;
        entropy *= scale;
        return new PolicyLosses((float)policy, (float)entropy, 0f, (float)(policy - (entropyCoefficient * entropy)));
    }
}
