namespace NetGen.Tests.Networks;

// Networks with BatchNorm, LayerNorm and Residual layers. The first six have PyTorch twins in
// Fixtures/make_normalization_fixtures.py; between them and NormAdaGradNet every optimizer is used.

/// <summary>5 -> Dense(8) -> LayerNorm(ReLU) -> Dense(3, Softmax): a LayerNorm on flat rows; cross-entropy; Adam.</summary>
[Network(5, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, BatchSize = 6)]
[Dense(8)]
[LayerNorm(Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class LayerNormMlpNet { }

/// <summary>(4, 6) -> LayerNorm -> Dense(6, Tanh) -> Residual(2) -> Flatten -> Dense(2): a LayerNorm at every position of the
/// caller's rows, and a residual that adds the network's input; squared error; SGD.</summary>
[Network(4, 6, BatchSize = 5)]
[LayerNorm(Epsilon = 1e-3f)]
[Dense(6, Activation.Tanh)]
[Residual(2)]
[Flatten]
[Dense(2)]
public partial class SequenceLayerNormNet { }

/// <summary>6 -> Dense(6, ReLU) -> Dense(6) -> Residual(2, ReLU) -> LayerNorm -> Dense(2): a residual block of two Dense layers,
/// then a LayerNorm; squared error; momentum.</summary>
[Network(6, Optimizer = Optimizer.Momentum, BatchSize = 8)]
[Dense(6, Activation.ReLU)]
[Dense(6)]
[Residual(2, Activation.ReLU)]
[LayerNorm]
[Dense(2)]
public partial class ResidualMlpNet { }

/// <summary>5 -> Dense(7) -> BatchNorm(ReLU) -> Dense(3, Softmax): a BatchNorm after a Dense layer without activation, folded
/// into it for inference; cross-entropy; RMSProp.</summary>
[Network(5, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.RMSProp, BatchSize = 8)]
[Dense(7)]
[BatchNorm(Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class BatchNormMlpNet { }

/// <summary>(4, 3) -> BatchNorm -> Dense(5, Tanh) -> BatchNorm(Momentum = 0.2) -> Flatten -> Dense(2): batch statistics over
/// rows and positions, on the caller's rows and after an activation; squared error; AdamW.</summary>
[Network(4, 3, Optimizer = Optimizer.AdamW, WeightDecay = 0.01f, BatchSize = 6)]
[BatchNorm]
[Dense(5, Activation.Tanh)]
[BatchNorm(Momentum = 0.2f)]
[Flatten]
[Dense(2)]
public partial class BatchNormSequenceNet { }

/// <summary>6 -> Dense(6) -> BatchNorm(ReLU) -> Dense(6) -> BatchNorm -> Residual(4, ReLU) -> Dense(2): a residual block with two
/// BatchNorm layers; squared error; Nesterov.</summary>
[Network(6, Optimizer = Optimizer.Nesterov, BatchSize = 8)]
[Dense(6)]
[BatchNorm(Activation.ReLU)]
[Dense(6)]
[BatchNorm(Epsilon = 1e-4f)]
[Residual(4, Activation.ReLU)]
[Dense(2)]
public partial class BatchNormResidualNet { }

/// <summary>4 -> Dense(5) -> LayerNorm -> BatchNorm(Tanh) -> Dense(2): both norms in a row; squared error; AdaGrad.</summary>
[Network(4, Optimizer = Optimizer.AdaGrad, BatchSize = 4)]
[Dense(5)]
[LayerNorm]
[BatchNorm(Activation.Tanh)]
[Dense(2)]
public partial class NormAdaGradNet { }

/// <summary>20 -> Dense(40) -> BatchNorm(ReLU) -> Dense(40) -> LayerNorm -> Residual(2, ReLU) -> Dense(4): a wider network whose
/// batches the worker team splits, for the thread-count tests.</summary>
[Network(20, Optimizer = Optimizer.Adam, BatchSize = 64)]
[Dense(40)]
[BatchNorm(Activation.ReLU)]
[Dense(40)]
[LayerNorm]
[Residual(2, Activation.ReLU)]
[Dense(4)]
public partial class WideNormNet { }

// The normalisations with the convolutions and the recurrent layers.

/// <summary>(12, 3) -> Conv1D(4, 3, Same) -> BatchNorm(ReLU) -> Conv1D(4, 3, Tanh, Same) -> Residual(2) -> LayerNorm -> GlobalAvgPool
/// -> Dense(2): batch statistics over the positions of a convolution's feature maps, a residual around a convolution, in batches
/// the worker team splits; squared error; Adam.</summary>
[Network(12, 3, Optimizer = Optimizer.Adam, BatchSize = 64)]
[Conv1D(4, 3, Padding = Padding.Same)]
[BatchNorm(Activation.ReLU)]
[Conv1D(4, 3, Activation.Tanh, Padding = Padding.Same)]
[Residual(2)]
[LayerNorm]
[GlobalAvgPool]
[Dense(2)]
public partial class ConvNormNet { }

/// <summary>(6, 6, 2) -> Conv2D(3, 3) -> BatchNorm(ReLU) -> Flatten -> Dense(2): a BatchNorm of an image's channels, which inference
/// folds into the convolution with its running statistics; squared error; SGD.</summary>
[Network(6, 6, 2, BatchSize = 8)]
[Conv2D(3, 3)]
[BatchNorm(Activation.ReLU)]
[Flatten]
[Dense(2)]
public partial class ImageBatchNormNet { }

/// <summary>(6, 6, 2) -> Conv2D(3, 3): the convolution of <see cref="ImageBatchNormNet"/> alone, to compute its inference by hand.</summary>
[Network(6, 6, 2, BatchSize = 8)]
[Conv2D(3, 3)]
public partial class ImageConvNet { }

/// <summary>(10, 3) -> Conv1D(4, 3, Same, dilation 2) -> BatchNorm(Tanh) -> Flatten -> Dense(2): a BatchNorm folded into a convolution
/// that reads a padded copy of its input; squared error; Adam.</summary>
[Network(10, 3, Optimizer = Optimizer.Adam, BatchSize = 8)]
[Conv1D(4, 3, Dilation = 2, Padding = Padding.Same)]
[BatchNorm(Activation.Tanh)]
[Flatten]
[Dense(2)]
public partial class SameConvBatchNormNet { }

/// <summary>(10, 3) -> Conv1D(4, 3, Same, dilation 2): the convolution of <see cref="SameConvBatchNormNet"/> alone.</summary>
[Network(10, 3, BatchSize = 8)]
[Conv1D(4, 3, Dilation = 2, Padding = Padding.Same)]
public partial class SameConvNet { }

/// <summary>(12, 22, 1) -> Conv2D(4, 3) -> BatchNorm(ReLU) -> MaxPool2D(2) -> Flatten -> Dense(2): a BatchNorm folded into a convolution
/// whose inference kernel also takes the max pool after it on the Vector512 path; squared error; SGD.</summary>
[Network(12, 22, 1, BatchSize = 8)]
[Conv2D(4, 3)]
[BatchNorm(Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(2)]
public partial class PooledBatchNormNet { }

/// <summary>(12, 22, 1) -> Conv2D(4, 3): the convolution of <see cref="PooledBatchNormNet"/> alone, to compute its inference by hand.</summary>
[Network(12, 22, 1, BatchSize = 8)]
[Conv2D(4, 3)]
public partial class PooledConvNet { }

/// <summary>(6, 3) -> LayerNorm -> GRU(5, sequences) -> LayerNorm(Tanh) -> Dense(5) -> Residual(2) -> Dense(2): LayerNorm and Residual
/// between recurrent and Dense layers, all causal in time, so the network streams.</summary>
[Network(6, 3, BatchSize = 4)]
[LayerNorm]
[GRU(5, ReturnSequences = true)]
[LayerNorm(Activation.Tanh)]
[Dense(5)]
[Residual(2)]
[Dense(2)]
public partial class StreamingNormNet { }

/// <summary>(6, 3) -> Dense(3, Tanh) -> Residual(1, ReLU) -> LayerNorm(GELU) -> Dense(2, Sigmoid): a residual that adds the caller's
/// step, and activations the step finishes after its kernels (GELU's pre-activation, a sigmoid's padding).</summary>
[Network(6, 3, BatchSize = 4)]
[Dense(3, Activation.Tanh)]
[Residual(1, Activation.ReLU)]
[LayerNorm(Activation.GELU)]
[Dense(2, Activation.Sigmoid)]
public partial class StreamingSkipNet { }
