using NetGen;

namespace DeepResidual;

/// <summary>Eight hidden Dense(128) layers with sigmoid activations, nothing else: the plain deep network.</summary>
[Network(784, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Momentum, LearningRate = 0.05f, Momentum = 0.9f, BatchSize = 64)]
[Dense(128, Activation.Sigmoid)]
[Dense(128, Activation.Sigmoid)]
[Dense(128, Activation.Sigmoid)]
[Dense(128, Activation.Sigmoid)]
[Dense(128, Activation.Sigmoid)]
[Dense(128, Activation.Sigmoid)]
[Dense(128, Activation.Sigmoid)]
[Dense(128, Activation.Sigmoid)]
[Dense(10, Activation.Softmax)]
public partial class PlainDeepNet
{
}

/// <summary>The same eight Dense(128) layers, each followed by batch normalisation before its sigmoid.</summary>
[Network(784, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Momentum, LearningRate = 0.05f, Momentum = 0.9f, BatchSize = 64)]
[Dense(128)]
[BatchNorm(Activation.Sigmoid)]
[Dense(128)]
[BatchNorm(Activation.Sigmoid)]
[Dense(128)]
[BatchNorm(Activation.Sigmoid)]
[Dense(128)]
[BatchNorm(Activation.Sigmoid)]
[Dense(128)]
[BatchNorm(Activation.Sigmoid)]
[Dense(128)]
[BatchNorm(Activation.Sigmoid)]
[Dense(128)]
[BatchNorm(Activation.Sigmoid)]
[Dense(128)]
[BatchNorm(Activation.Sigmoid)]
[Dense(10, Activation.Softmax)]
public partial class BatchNormDeepNet
{
}

/// <summary>
/// The same eight Dense(128) sigmoid layers, the last six as three residual blocks: two Dense layers, the block's input
/// added back to their output, then layer normalisation.
/// </summary>
[Network(784, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Momentum, LearningRate = 0.05f, Momentum = 0.9f, BatchSize = 64)]
[Dense(128, Activation.Sigmoid)]
[Dense(128, Activation.Sigmoid)]
[Dense(128, Activation.Sigmoid)]
[Dense(128, Activation.Sigmoid)]
[Residual(2)]
[LayerNorm]
[Dense(128, Activation.Sigmoid)]
[Dense(128, Activation.Sigmoid)]
[Residual(2)]
[LayerNorm]
[Dense(128, Activation.Sigmoid)]
[Dense(128, Activation.Sigmoid)]
[Residual(2)]
[LayerNorm]
[Dense(10, Activation.Softmax)]
public partial class ResidualDeepNet
{
}
