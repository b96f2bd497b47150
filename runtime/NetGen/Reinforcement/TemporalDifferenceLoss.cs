namespace NetGen.Reinforcement;

/// <summary>The loss of one temporal-difference error <c>d = Q(s, a) - target</c> (see <see cref="QLearning"/>).</summary>
public enum TemporalDifferenceLoss
{
    /// <summary><c>d^2 / 2</c> while <c>|d| &lt;= delta</c>, then <c>delta (|d| - delta / 2)</c>: the gradient is the error,
    /// bounded by <c>delta</c>, so that a rare large error cannot throw the network off (DQN's error clipping; PyTorch's
    /// <c>HuberLoss</c> and, with delta 1, <c>SmoothL1Loss</c>).</summary>
    Huber,

    /// <summary><c>d^2 / 2</c>: the gradient is the error itself.</summary>
    SquaredError,
}
