using NetGen;

namespace CartPole;

/// <summary>The DQN's action values: 4 scaled observations, two hidden layers of 64 ReLU units, one value per action.</summary>
[Network(4, Optimizer = Optimizer.Adam, LearningRate = 1e-3f, ClipNorm = 10f, BatchSize = 64)]
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(2)]
public partial class QNetwork
{
}

/// <summary>The actor: the logits of a softmax policy over the two pushes.</summary>
[Network(4, Optimizer = Optimizer.Adam, LearningRate = 1e-3f, ClipNorm = 1f, BatchSize = 256)]
[Dense(64, Activation.Tanh)]
[Dense(64, Activation.Tanh)]
[Dense(2)]
public partial class PolicyNetwork
{
}

/// <summary>The critic: the value of a state.</summary>
[Network(4, Optimizer = Optimizer.Adam, LearningRate = 1e-3f, ClipNorm = 10f, BatchSize = 256)]
[Dense(64, Activation.Tanh)]
[Dense(64, Activation.Tanh)]
[Dense(1)]
public partial class ValueNetwork
{
}
