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

/// <summary>LeNet-5 on (28, 28, 1): convolutions, max pools and a Flatten of feature maps in the ONNX graph (NCHW inside).</summary>
[Network(28, 28, 1, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, BatchSize = 8)]
[Conv2D(6, 5, Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(16, 5, Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(120, Activation.ReLU)]
[Dense(84, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public sealed partial class LeNetOnnxNet { }

/// <summary>(11, 11, 2) -> a strided convolution, overlapping max pools, Same padding with an even kernel, an average pool, a Flatten.</summary>
[Network(11, 11, 2, Loss = Loss.CategoricalCrossEntropy, BatchSize = 8)]
[Conv2D(3, 3, Activation.Sigmoid, Stride = 2)]
[MaxPool2D(3, Stride = 1)]
[Conv2D(5, 2, Activation.ELU, Padding = Padding.Same)]
[AvgPool2D(2)]
[Flatten]
[Dense(3, Activation.Softmax)]
public sealed partial class StridedConvOnnxNet { }

/// <summary>The 1-D sensor model with a causal, dilated first convolution: (128, 3) -> Conv1D -> MaxPool1D -> Conv1D -> GlobalAvgPool -> Dense.</summary>
[Network(128, 3, Loss = Loss.CategoricalCrossEntropy, BatchSize = 8)]
[Conv1D(16, 5, Activation.ReLU, Dilation = 2, Padding = Padding.Causal)]
[MaxPool1D(2)]
[Conv1D(32, 5, Activation.GELU)]
[GlobalAvgPool]
[Dense(6, Activation.Softmax)]
public sealed partial class SensorOnnxNet { }

/// <summary>(5, 4, 2) -> Conv2D(3, 2, Softmax) -> AvgPool2D(2, Stride 1): the output keeps its positions, back in channels-last order.</summary>
[Network(5, 4, 2, BatchSize = 8)]
[Conv2D(3, 2, Activation.Softmax)]
[AvgPool2D(2, Stride = 1)]
public sealed partial class PixelConvOnnxNet { }

/// <summary>The twin of the PyTorch model in Fixtures/make_torch_conv_fixture.py: convolutions, pools and a Flatten read by a Dense layer.</summary>
[Network(12, 12, 2, Loss = Loss.CategoricalCrossEntropy, BatchSize = 8)]
[Conv2D(4, 3, Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(5, 2, Activation.Tanh, Padding = Padding.Same)]
[AvgPool2D(2)]
[Flatten]
[Dense(3, Activation.Softmax)]
public sealed partial class TorchConvNet { }
/// <summary>(9, 3) -> GRU(7, ReturnSequences) -> Dropout(0.1) -> GRU(5) -> Dense(2): ONNX's GRU with linear_before_reset=1, every state
/// and the last one.</summary>
[Network(9, 3, BatchSize = 8)]
[GRU(7, ReturnSequences = true)]
[Dropout(0.1f)]
[GRU(5)]
[Dense(2)]
public sealed partial class GruOnnxNet { }

/// <summary>(6, 2) -> LSTM(4) -> Dense(3, Tanh): ONNX's LSTM, its gates reordered.</summary>
[Network(6, 2, BatchSize = 8)]
[LSTM(4)]
[Dense(3, Activation.Tanh)]
public sealed partial class LstmOnnxNet { }

/// <summary>(6, 2) -> LSTM(3, ReturnSequences) -> Dense(1): an output at every step.</summary>
[Network(6, 2, BatchSize = 8)]
[LSTM(3, ReturnSequences = true)]
[Dense(1)]
public sealed partial class LstmSequenceOnnxNet { }

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

/// <summary>(8, 8, 2) -> Conv2D(3, 3) -> BatchNorm(ReLU) -> MaxPool2D(2) -> Conv2D(3, 1, Same) -> Residual(1) -> LayerNorm -> Flatten
/// -> Dense(2): the normalisations and a residual on a convolution's feature maps (NCHW inside the graph).</summary>
[Network(8, 8, 2, BatchSize = 8)]
[Conv2D(3, 3)]
[BatchNorm(Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(3, 1, Padding = Padding.Same)]
[Residual(1)]
[LayerNorm]
[Flatten]
[Dense(2)]
public sealed partial class ConvNormOnnxNet { }

/// <summary>(5, 3) -> GRU(4, sequences) -> BatchNorm -> LayerNorm(Tanh) -> Dense(4) -> Residual(3) -> Dense(1): the normalisations of a
/// recurrent layer's sequence.</summary>
[Network(5, 3, BatchSize = 8)]
[GRU(4, ReturnSequences = true)]
[BatchNorm]
[LayerNorm(Activation.Tanh)]
[Dense(4)]
[Residual(3)]
[Dense(1)]
public sealed partial class GruNormOnnxNet { }

/// <summary>(10, 2) -> Conv1D(3, 3) -> BatchNorm(ReLU) -> GRU(4) -> Dense(2): a recurrent layer reading a normalised convolution's
/// feature maps, channels first in the graph until the GRU.</summary>
[Network(10, 2, BatchSize = 8)]
[Conv1D(3, 3)]
[BatchNorm(Activation.ReLU)]
[GRU(4)]
[Dense(2)]
public sealed partial class ConvGruNormOnnxNet { }
