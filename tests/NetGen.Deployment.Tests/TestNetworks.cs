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

/// <summary>Input width not a multiple of 64, so that the int8 kernels' row padding is exercised.</summary>
[Network(100, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, BatchSize = 16)]
[Dense(70, Activation.ReLU)]
[Dropout(0.1f)]
[Dense(33, Activation.Tanh)]
[Dense(4, Activation.Softmax)]
public sealed partial class QuantizeNet
{
}

/// <summary>A network whose int8 forward pass a test recomputes by hand (no activation function approximations involved).</summary>
[Network(37, BatchSize = 4)]
[Dense(19, Activation.ReLU)]
[Dense(5)]
public sealed partial class ReferenceInt8Net
{
}
