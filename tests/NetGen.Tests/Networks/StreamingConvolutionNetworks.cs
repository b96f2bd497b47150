namespace NetGen.Tests.Networks;

// Networks with causal Conv1D layers that stream one step per PredictStep, checked against Predict on the whole sequence.

/// <summary>(24, 1) -> four Conv1D(8, 3, Causal) with dilations 1 to 4 -> Conv1D(1, 1): the dilated stack of audio models, each
/// layer's history a ring of 3, 5, 7 and 9 steps that wraps several times in a sequence, and a pointwise output; squared error; Adam.</summary>
[Network(24, 1, Optimizer = Optimizer.Adam, BatchSize = 4)]
[Conv1D(8, 3, Activation.Tanh, Padding = Padding.Causal)]
[Conv1D(8, 3, Activation.ReLU, Dilation = 2, Padding = Padding.Causal)]
[Conv1D(8, 3, Activation.ELU, Dilation = 3, Padding = Padding.Causal)]
[Conv1D(8, 3, Dilation = 4, Padding = Padding.Causal)]
[Conv1D(1, 1)]
public partial class DilatedCausalStackNet { }

/// <summary>(20, 2) -> Conv1D(8, 3, ReLU, Dilation 2, Causal) -> GRU(6, every step) -> Dense(2): a convolution in front of a
/// recurrent layer, one output per step.</summary>
[Network(20, 2, Optimizer = Optimizer.Adam, BatchSize = 4)]
[Conv1D(8, 3, Activation.ReLU, Dilation = 2, Padding = Padding.Causal)]
[GRU(6, ReturnSequences = true)]
[Dense(2)]
public partial class CausalConvGruNet { }

/// <summary>(12, 3) -> Conv1D(5, 5, Tanh, Causal) -> LSTM(7) -> Dense(1): the last state only, so the last streamed step is the
/// network's output.</summary>
[Network(12, 3, Optimizer = Optimizer.Adam, BatchSize = 4)]
[Conv1D(5, 5, Activation.Tanh, Padding = Padding.Causal)]
[LSTM(7)]
[Dense(1)]
public partial class CausalConvLstmNet { }

/// <summary>(10, 20) -> Conv1D(40, 3, GELU, Dilation 2, Causal) -> Conv1D(33, 2, Sigmoid, Causal) -> Conv1D(3, 1, Softmax): sums over
/// more taps and channels than are written out (loops), 33 filters in several vectors with a sigmoid's padding, and a pointwise
/// convolution (no history) with the default Valid padding and a softmax over each step's filters.</summary>
[Network(10, 20, Optimizer = Optimizer.Adam, BatchSize = 4)]
[Conv1D(40, 3, Activation.GELU, Dilation = 2, Padding = Padding.Causal)]
[Conv1D(33, 2, Activation.Sigmoid, Padding = Padding.Causal)]
[Conv1D(3, 1, Activation.Softmax)]
public partial class WideCausalConvNet { }

/// <summary>(9, 50) -> Conv1D(4, 2, Causal, Dilation 3) -> Conv1D(4, 3, ReLU, Causal) -> Residual(1, ReLU) -> LayerNorm -> Dense(3): a
/// step of 50 channels copied into the history in vectors, a skip connection and a normalisation after convolutions.</summary>
[Network(9, 50, Optimizer = Optimizer.Adam, BatchSize = 4)]
[Conv1D(4, 2, Dilation = 3, Padding = Padding.Causal)]
[Conv1D(4, 3, Activation.ReLU, Padding = Padding.Causal)]
[Residual(1, Activation.ReLU)]
[LayerNorm]
[Dense(3)]
public partial class ManyChannelCausalConvNet { }
