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

/// <summary>(4, 3, 2) -> Dense(5, GELU) at each pixel -> Flatten (a copy) -> Dense(3, Softmax): a Dense layer per position and a Flatten in the ONNX graph.</summary>
[Network(4, 3, 2, Loss = Loss.CategoricalCrossEntropy, BatchSize = 8)]
[Dense(5, Activation.GELU)]
[Flatten]
[Dense(3, Activation.Softmax)]
public sealed partial class PixelOnnxNet { }

/// <summary>(6, 16) -> Dense(16, Tanh) -> Flatten (a view) -> Dropout(0.2) -> Dense(4): a Flatten of unpadded rows followed by dropout.</summary>
[Network(6, 16, BatchSize = 8)]
[Dense(16, Activation.Tanh)]
[Flatten]
[Dropout(0.2f)]
[Dense(4)]
public sealed partial class SequenceOnnxNet { }

/// <summary>(5, 3) -> Dense(2, Sigmoid) at each step, and the output keeps its shape: (5, 2).</summary>
[Network(5, 3, BatchSize = 8)]
[Dense(2, Activation.Sigmoid)]
public sealed partial class PerStepOnnxNet { }

/// <summary>(3, 4) -> Dense(6, ReLU) -> Flatten: the output is a flattened shape in NetGen's order (no Dense after the Flatten).</summary>
[Network(3, 4, BatchSize = 8)]
[Dense(6, Activation.ReLU)]
[Flatten]
public sealed partial class TrailingFlattenOnnxNet { }

/// <summary>(4, 3) -> BatchNorm -> Dense(6) -> BatchNorm(ReLU) -> LayerNorm -> Dense(6, Tanh) -> Residual(2) -> Flatten -> Dense(2):
/// BatchNormalization on channels-first transposes, a BatchNorm that inference folds into the Dense layer before it, the
/// LayerNorm spelt out for opset 13, and an Add for the residual.</summary>
[Network(4, 3, BatchSize = 8)]
[BatchNorm]
[Dense(6)]
[BatchNorm(Activation.ReLU)]
[LayerNorm]
[Dense(6, Activation.Tanh)]
[Residual(2)]
[Flatten]
[Dense(2)]
public sealed partial class NormSequenceOnnxNet { }

/// <summary>8 -> Dense(8, ReLU) -> Dense(8) -> BatchNorm -> Residual(3, ReLU) -> LayerNorm(GELU) -> Dense(3, Softmax): a residual
/// block ending in a BatchNorm on flat rows.</summary>
[Network(8, Loss = Loss.CategoricalCrossEntropy, BatchSize = 8)]
[Dense(8, Activation.ReLU)]
[Dense(8)]
[BatchNorm]
[Residual(3, Activation.ReLU)]
[LayerNorm(Activation.GELU)]
[Dense(3, Activation.Softmax)]
public sealed partial class NormResidualOnnxNet { }
