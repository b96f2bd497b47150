using System;

namespace NetGen.Reinforcement;

/// <summary>
/// Q-learning with a network that outputs one value per action (DQN, Mnih et al. 2015): the bootstrapped targets, with
/// the Double DQN variant (van Hasselt, Guez and Silver 2016), and the gradient of the temporal-difference loss on the
/// action taken only, ready for <see cref="INetwork.Backward"/>. Nothing here allocates.
/// </summary>
/// <remarks>
/// One update on a batch sampled from a <see cref="ReplayBuffer"/>, with an online network and a target network:
/// <code>
/// target.PredictBatch(nextStates, nextValues);                  // Q_target(s', .)
/// QLearning.Targets(rewards, terminals, nextValues, gamma, targets);
/// online.Forward(states, values);                               // Q(s, .)
/// float loss = QLearning.Gradient(values, actions, targets, gradients);
/// online.Backward(gradients);
/// online.ApplyGradients();
/// online.SoftUpdate(target, 0.005f);                            // or CopyParametersTo every few thousand steps
/// </code>
/// Spans hold rows one after the other: <c>values</c> is <c>rows * actionCount</c> floats, <c>actions</c>,
/// <c>rewards</c>, <c>terminals</c> and <c>targets</c> one element per row.
/// </remarks>
public static class QLearning
{
    /// <summary>
    /// The targets <c>y = r + gamma * max_a Q_target(s', a)</c>, or <c>y = r</c> where the transition is terminal.
    /// </summary>
    /// <param name="rewards">One reward per row, finite.</param>
    /// <param name="terminals">One flag per row: whether <c>s'</c> ends the episode with no future.</param>
    /// <param name="nextValues">The target network's values of the next states: <c>rows * actionCount</c> finite floats.</param>
    /// <param name="gamma">The discount, in [0, 1].</param>
    /// <param name="targets">One target per row, written.</param>
    /// <exception cref="ArgumentException">The lengths do not agree, or a reward or value is NaN or infinite; nothing was written.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gamma"/> is outside [0, 1].</exception>
    public static void Targets(ReadOnlySpan<float> rewards, ReadOnlySpan<bool> terminals, ReadOnlySpan<float> nextValues, float gamma, Span<float> targets)
        => DoubleTargets(rewards, terminals, nextValues, nextValues, gamma, targets);

    /// <summary>
    /// The Double DQN targets <c>y = r + gamma * Q_target(s', argmax_a Q_online(s', a))</c>, or <c>y = r</c> where the
    /// transition is terminal: the online network chooses the next action and the target network values it, which
    /// removes most of the overestimation of <see cref="Targets"/>.
    /// </summary>
    /// <param name="rewards">One reward per row, finite.</param>
    /// <param name="terminals">One flag per row: whether <c>s'</c> ends the episode with no future.</param>
    /// <param name="nextOnlineValues">The online network's values of the next states: <c>rows * actionCount</c> finite floats.</param>
    /// <param name="nextTargetValues">The target network's values of the next states, as many.</param>
    /// <param name="gamma">The discount, in [0, 1].</param>
    /// <param name="targets">One target per row, written.</param>
    /// <exception cref="ArgumentException">The lengths do not agree, or a reward or value is NaN or infinite; nothing was written.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gamma"/> is outside [0, 1].</exception>
    public static void DoubleTargets(ReadOnlySpan<float> rewards, ReadOnlySpan<bool> terminals, ReadOnlySpan<float> nextOnlineValues, ReadOnlySpan<float> nextTargetValues, float gamma, Span<float> targets)
    {
        int rows = rewards.Length;
        int actionCount = Checks.Columns(nextOnlineValues.Length, rows, nameof(nextOnlineValues), "action values");
        Checks.RowsLength(nextTargetValues.Length, rows, actionCount, nameof(nextTargetValues), "action values");
        Checks.Length(terminals.Length, rows, nameof(terminals), "one per reward");
        Checks.Length(targets.Length, rows, nameof(targets), "one per reward");
        Checks.Range(gamma, 0f, 1f, nameof(gamma));
        Checks.Finite(rewards, nameof(rewards));
        Checks.Finite(nextOnlineValues, nameof(nextOnlineValues));
        Checks.Finite(nextTargetValues, nameof(nextTargetValues));
        for (int r = 0; r < rows; r++)
        {
            double target = rewards[r];
            if (!terminals[r])
            {
                int best = ActionSampler.Greedy(nextOnlineValues.Slice(r * actionCount, actionCount));
                target += gamma * (double)nextTargetValues[(r * actionCount) + best];
            }

            targets[r] = (float)target;
        }
    }

    /// <summary>
    /// The gradient, with respect to the network's outputs, of the mean temporal-difference loss over the rows:
    /// <c>L = (1/rows) sum_r loss(Q(s_r, a_r) - y_r)</c>. Only the value of the action taken gets a gradient; the others get 0.
    /// </summary>
    /// <param name="values">The online network's outputs from <see cref="INetwork.Forward"/>: <c>rows * actionCount</c> finite floats.</param>
    /// <param name="actions">The action taken in each row; its length is the number of rows.</param>
    /// <param name="targets">One finite target per row (see <see cref="Targets"/>).</param>
    /// <param name="gradients">As long as <paramref name="values"/>: written, for <see cref="INetwork.Backward"/>.</param>
    /// <param name="loss">The loss of one error.</param>
    /// <param name="delta">The Huber threshold, positive and finite; ignored by the squared error.</param>
    /// <returns>The mean loss <c>L</c>.</returns>
    /// <exception cref="ArgumentException">The lengths do not agree, or a value or target is NaN or infinite; nothing was written.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An action is out of range, or <paramref name="delta"/> is not positive; nothing was written.</exception>
    public static float Gradient(ReadOnlySpan<float> values, ReadOnlySpan<int> actions, ReadOnlySpan<float> targets, Span<float> gradients, TemporalDifferenceLoss loss = TemporalDifferenceLoss.Huber, float delta = 1f)
        => Gradient(values, actions, targets, default, gradients, default, loss, delta);

    /// <summary>
    /// The gradient of the weighted mean temporal-difference loss, <c>L = (1/rows) sum_r w_r loss(Q(s_r, a_r) - y_r)</c>,
    /// with the errors <c>Q(s_r, a_r) - y_r</c> (for a <see cref="PrioritizedReplayBuffer"/>: its importance-sampling
    /// weights in, new priorities out).
    /// </summary>
    /// <param name="values">The online network's outputs: <c>rows * actionCount</c> finite floats.</param>
    /// <param name="actions">The action taken in each row; its length is the number of rows.</param>
    /// <param name="targets">One finite target per row.</param>
    /// <param name="weights">One finite weight per row, or empty for weights of 1.</param>
    /// <param name="gradients">As long as <paramref name="values"/>: written.</param>
    /// <param name="errors">One per row, written with <c>Q(s_r, a_r) - y_r</c>; or empty.</param>
    /// <param name="loss">The loss of one error.</param>
    /// <param name="delta">The Huber threshold, positive and finite; ignored by the squared error.</param>
    /// <returns>The weighted mean loss <c>L</c>.</returns>
    /// <exception cref="ArgumentException">The lengths do not agree, or a value, target or weight is NaN or infinite; nothing was written.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An action is out of range, or <paramref name="delta"/> is not positive; nothing was written.</exception>
    public static float Gradient(ReadOnlySpan<float> values, ReadOnlySpan<int> actions, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights, Span<float> gradients, Span<float> errors, TemporalDifferenceLoss loss, float delta)
    {
        int rows = actions.Length;
        int actionCount = Checks.Columns(values.Length, rows, nameof(values), "action values");
        Checks.Length(targets.Length, rows, nameof(targets), "one per action");
        Checks.Length(gradients.Length, values.Length, nameof(gradients), "as many as values");
        if (!weights.IsEmpty)
        {
            Checks.Length(weights.Length, rows, nameof(weights), "one per action, or none");
            Checks.Finite(weights, nameof(weights));
        }

        if (!errors.IsEmpty)
        {
            Checks.Length(errors.Length, rows, nameof(errors), "one per action, or none");
        }

        // Compared by value: Enum.IsDefined reads the enum's cached metadata, which the runtime may rebuild (and allocate) at any call.
        if (loss is not (TemporalDifferenceLoss.Huber or TemporalDifferenceLoss.SquaredError))
        {
            throw new ArgumentOutOfRangeException(nameof(loss), loss, "Not a temporal-difference loss.");
        }

        Checks.Range(delta, float.Epsilon, float.MaxValue, nameof(delta));
        Checks.Actions(actions, actionCount, nameof(actions));
        Checks.Finite(values, nameof(values));
        Checks.Finite(targets, nameof(targets));

        gradients.Clear();
        double total = 0;
        double scale = 1.0 / rows;
        for (int r = 0; r < rows; r++)
        {
            int index = (r * actionCount) + actions[r];
            double error = (double)values[index] - targets[r];
            double weight = weights.IsEmpty ? 1 : weights[r];
            double magnitude = Math.Abs(error);
            bool linear = loss == TemporalDifferenceLoss.Huber && magnitude > delta;
            total += weight * (linear ? delta * (magnitude - (0.5 * delta)) : 0.5 * error * error);
            gradients[index] = (float)(weight * scale * (linear ? Math.CopySign(delta, error) : error));
            if (!errors.IsEmpty)
            {
                errors[r] = (float)error;
            }
        }

        return (float)(total * scale);
    }
}
