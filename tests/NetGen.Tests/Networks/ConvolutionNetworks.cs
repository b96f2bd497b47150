namespace NetGen.Tests.Networks;

// Networks with convolutions and pools. Each has a PyTorch twin in Fixtures/make_shaped_fixtures.py.

/// <summary>(12, 12, 1) -> Conv2D(4, 3, ReLU) -> MaxPool2D(2) -> Conv2D(6, 3, Tanh) -> Flatten -> Dense(3, Softmax): a small LeNet, the
/// second convolution's input gradient through a max pool; cross-entropy; Adam.</summary>
[Network(12, 12, 1, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, BatchSize = 8)]
[Conv2D(4, 3, Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(6, 3, Activation.Tanh)]
[Flatten]
[Dense(3, Activation.Softmax)]
public partial class SmallLeNet { }

/// <summary>(7, 6, 3) -> Conv2D(5, 3, ELU, Same) -> AvgPool2D(2) -> Conv2D(18, 2, GELU, Same) -> GlobalAvgPool -> Dense(2): Same padding
/// with an odd and an even span, 18 filters (two vectors), a mean over every position; squared error; RMSProp.</summary>
[Network(7, 6, 3, Optimizer = Optimizer.RMSProp, BatchSize = 6)]
[Conv2D(5, 3, Activation.ELU, Padding = Padding.Same)]
[AvgPool2D(2)]
[Conv2D(18, 2, Activation.GELU, Padding = Padding.Same)]
[GlobalAvgPool]
[Dense(2)]
public partial class SamePaddingNet { }

/// <summary>(11, 11, 2) -> Conv2D(3, 3, Sigmoid, Stride 2) -> MaxPool2D(3, Stride 1) -> Conv2D(20, 2, LeakyReLU, Dilation 2) -> Flatten
/// -> Dense(1, Sigmoid): a strided convolution, overlapping max-pool windows, a dilated kernel; binary cross-entropy; momentum.</summary>
[Network(11, 11, 2, Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.Momentum, BatchSize = 5)]
[Conv2D(3, 3, Activation.Sigmoid, Stride = 2)]
[MaxPool2D(3, Stride = 1)]
[Conv2D(20, 2, Activation.LeakyReLU, Dilation = 2)]
[Flatten]
[Dense(1, Activation.Sigmoid)]
public partial class StridedImageNet { }

/// <summary>(16, 3) -> Conv1D(8, 3, ReLU, Dilation 2, Causal) -> MaxPool1D(3, Stride 2) -> Conv1D(6, 3, Tanh, Same) -> AvgPool1D(2) ->
/// Flatten -> Dense(4, Softmax): causal and same padding on a sequence, overlapping windows; cross-entropy; AdamW.</summary>
[Network(16, 3, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.AdamW, WeightDecay = 0.01f, BatchSize = 7)]
[Conv1D(8, 3, Activation.ReLU, Dilation = 2, Padding = Padding.Causal)]
[MaxPool1D(3, Stride = 2)]
[Conv1D(6, 3, Activation.Tanh, Padding = Padding.Same)]
[AvgPool1D(2)]
[Flatten]
[Dense(4, Activation.Softmax)]
public partial class CausalSequenceNet { }

/// <summary>(20, 2) -> Conv1D(5, 4, GELU, Stride 3) -> Conv1D(33, 2) -> GlobalAvgPool -> Dense(2): a strided sequence, 33 filters (three
/// vectors) read by a mean; Huber; Nesterov.</summary>
[Network(20, 2, Loss = Loss.Huber, Optimizer = Optimizer.Nesterov, BatchSize = 4)]
[Conv1D(5, 4, Activation.GELU, Stride = 3)]
[Conv1D(33, 2)]
[GlobalAvgPool]
[Dense(2)]
public partial class StridedSequenceNet { }

/// <summary>(5, 4, 2) -> Conv2D(3, 2, Softmax): a classification at every pixel by the output convolution, its softmax fused with the
/// cross-entropy; SGD.</summary>
[Network(5, 4, 2, Loss = Loss.CategoricalCrossEntropy, BatchSize = 3)]
[Conv2D(3, 2, Activation.Softmax)]
public partial class PixelClassifierNet { }

/// <summary>(8, 6, 2) -> AvgPool2D(2) -> Conv2D(17, 3, ReLU, Same) -> Conv2D(4, 2) -> MaxPool2D(2, Stride 1): a pool of the caller's rows
/// (two channels, not padded), an input gradient over 17 channels (two vectors), a pool as the last layer; absolute error; AdaGrad.</summary>
[Network(8, 6, 2, Loss = Loss.MeanAbsoluteError, Optimizer = Optimizer.AdaGrad, BatchSize = 9)]
[AvgPool2D(2)]
[Conv2D(17, 3, Activation.ReLU, Padding = Padding.Same)]
[Conv2D(4, 2)]
[MaxPool2D(2, Stride = 1)]
public partial class ChannelsNet { }

/// <summary>(10, 4) -> Dropout(0.2) -> Conv1D(6, 3, ReLU) -> Dropout(0.3) -> Conv1D(5, 2, ELU) -> GlobalAvgPool -> Dense(2): dropout before
/// a convolution, on the caller's rows and on a convolution's output.</summary>
[Network(10, 4, Optimizer = Optimizer.Adam, BatchSize = 12)]
[Dropout(0.2f)]
[Conv1D(6, 3, Activation.ReLU)]
[Dropout(0.3f)]
[Conv1D(5, 2, Activation.ELU)]
[GlobalAvgPool]
[Dense(2)]
public partial class ConvolutionDropoutNet { }

/// <summary>LeNet-5 as the issue and PyTorch's tutorials write it: (28, 28, 1) -> Conv2D(6, 5, ReLU) -> MaxPool2D(2) -> Conv2D(16, 5, ReLU)
/// -> MaxPool2D(2) -> Flatten -> Dense(120, ReLU) -> Dense(84, ReLU) -> Dense(10, Softmax); cross-entropy; Adam 1e-3; batches of 32.</summary>
[Network(28, 28, 1, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.001f, BatchSize = 32)]
[Conv2D(6, 5, Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(16, 5, Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(120, Activation.ReLU)]
[Dense(84, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class LeNet5 { }

/// <summary>(19, 21, 1) -> Conv2D(5, 3, Sigmoid, Dilation 2) -> MaxPool2D(2) -> Flatten -> Dense(3, Softmax): a first convolution that the
/// Vector512 path computes with output positions as the lanes, its 15 x 17 output leaving a partial tile along both axes.</summary>
[Network(19, 21, 1, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, BatchSize = 4)]
[Conv2D(5, 3, Activation.Sigmoid, Dilation = 2)]
[MaxPool2D(2)]
[Flatten]
[Dense(3, Activation.Softmax)]
public partial class LaneImageNet { }

/// <summary>(18, 17, 1) -> Conv2D(8, 3, ReLU, Same) -> AvgPool2D(2) -> Conv2D(1, 2) -> Flatten -> Dense(2): 8 filters over a padded
/// copy of the input, with output positions as the lanes on the Vector512 path.</summary>
[Network(18, 17, 1, Optimizer = Optimizer.Momentum, BatchSize = 3)]
[Conv2D(8, 3, Activation.ReLU, Padding = Padding.Same)]
[AvgPool2D(2)]
[Conv2D(1, 2)]
[Flatten]
[Dense(2)]
public partial class LaneSameNet { }

/// <summary>(40, 1) -> Conv1D(3, 4, ELU, Dilation 3, Causal) -> Conv1D(2, 2) -> GlobalAvgPool -> Dense(2): a sequence of one feature,
/// its 40 steps three tiles of 16 positions (the last overlapping) on the Vector512 path.</summary>
[Network(40, 1, Loss = Loss.Huber, Optimizer = Optimizer.RMSProp, BatchSize = 5)]
[Conv1D(3, 4, Activation.ELU, Dilation = 3, Padding = Padding.Causal)]
[Conv1D(2, 2)]
[GlobalAvgPool]
[Dense(2)]
public partial class LaneSequenceNet { }

/// <summary>(12, 22, 1) -> Conv2D(5, 3, ReLU, Same) -> MaxPool2D(2) -> Flatten -> Dense(3, Softmax): inference calls pool inside the
/// convolution on the Vector512 path, its 22 positions per row a whole tile and two rows' last 8 in one vector (overlapping the tile),
/// its 12 rows an overlapping last tile of 8 for those.</summary>
[Network(12, 22, 1, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, BatchSize = 4)]
[Conv2D(5, 3, Activation.ReLU, Padding = Padding.Same)]
[MaxPool2D(2)]
[Flatten]
[Dense(3, Activation.Softmax)]
public partial class PooledLaneNet { }

/// <summary>(12, 30, 1) -> Conv2D(6, 3) -> MaxPool2D(2) -> Conv2D(2, 2, Tanh) -> Flatten -> Dense(2): inference calls pool inside a
/// convolution without an activation, its 28 positions per row two overlapping tiles, its 10 rows an overlapping last tile of 4.</summary>
[Network(12, 30, 1, Optimizer = Optimizer.Momentum, BatchSize = 3)]
[Conv2D(6, 3)]
[MaxPool2D(2)]
[Conv2D(2, 2, Activation.Tanh)]
[Flatten]
[Dense(2)]
public partial class PooledWideNet { }
