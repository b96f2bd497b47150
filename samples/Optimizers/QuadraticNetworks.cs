using NetGen;

namespace Optimizers;

// f(x) = x^2 as a network: one input that is always 0, so the output is the bias b and the
// mean squared error against the target 0 is b^2. Each class differs only in its update rule.

/// <summary>Minimises b² with Sgd.</summary>
[Network(1, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.1f, BatchSize = 1)]
[Dense(1)]
public partial class QuadraticSgd
{
}

/// <summary>Minimises b² with Momentum.</summary>
[Network(1, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Momentum, LearningRate = 0.1f, BatchSize = 1)]
[Dense(1)]
public partial class QuadraticMomentum
{
}

/// <summary>Minimises b² with Nesterov.</summary>
[Network(1, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Nesterov, LearningRate = 0.1f, BatchSize = 1)]
[Dense(1)]
public partial class QuadraticNesterov
{
}

/// <summary>Minimises b² with AdaGrad.</summary>
[Network(1, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.AdaGrad, LearningRate = 0.1f, BatchSize = 1)]
[Dense(1)]
public partial class QuadraticAdaGrad
{
}

/// <summary>Minimises b² with RMSProp.</summary>
[Network(1, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.RMSProp, LearningRate = 0.1f, BatchSize = 1)]
[Dense(1)]
public partial class QuadraticRMSProp
{
}

/// <summary>Minimises b² with Adam.</summary>
[Network(1, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.1f, BatchSize = 1)]
[Dense(1)]
public partial class QuadraticAdam
{
}

/// <summary>Minimises b² with AdamW.</summary>
[Network(1, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.AdamW, LearningRate = 0.1f, BatchSize = 1)]
[Dense(1)]
public partial class QuadraticAdamW
{
}
