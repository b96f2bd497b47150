namespace NetGen.Tests.Networks;

// Networks as reinforcement learning uses them: action values, a policy's logits, one network with both heads, and a
// twin of the first (another generated type with the same architecture: the batch size is not part of it).

/// <summary>4 -> 16 ReLU -> 3 linear: one value per action; Adam, so that the optimizer has state.</summary>
[Network(4, Optimizer = Optimizer.Adam, LearningRate = 0.01f, BatchSize = 8)]
[Dense(16, Activation.ReLU)]
[Dense(3)]
public partial class ActionValueNet { }

/// <summary>The same layers, loss and optimizer as <see cref="ActionValueNet"/>, with another batch size.</summary>
[Network(4, Optimizer = Optimizer.Adam, LearningRate = 0.01f, BatchSize = 4)]
[Dense(16, Activation.ReLU)]
[Dense(3)]
public partial class ActionValueTwinNet { }

/// <summary>4 -> 16 Tanh -> 4 linear: three logits, then a value.</summary>
[Network(4, Optimizer = Optimizer.RMSProp, BatchSize = 8)]
[Dense(16, Activation.Tanh)]
[Dense(4)]
public partial class TwoHeadedNet { }
