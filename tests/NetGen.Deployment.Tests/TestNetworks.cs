using NetGen;

namespace NetGen.Deployment.Tests;

/// <summary>Small, with dropout and Adam state, so that every part of a checkpoint is exercised.</summary>
[Network(6, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, BatchSize = 4)]
[Dense(5, Activation.ELU)]
[Dropout(0.25f)]
[Dense(3, Activation.Softmax)]
public sealed partial class FuzzNet
{
}

/// <summary>Same layers as <see cref="FuzzNet"/> but another optimizer: a different architecture.</summary>
[Network(6, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Sgd, BatchSize = 4)]
[Dense(5, Activation.ELU)]
[Dropout(0.25f)]
[Dense(3, Activation.Softmax)]
public sealed partial class OtherOptimizerNet
{
}
