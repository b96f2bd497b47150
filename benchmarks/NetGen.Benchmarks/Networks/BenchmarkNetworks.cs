namespace NetGen.Benchmarks.Networks;

// The networks of the benchmark cases. Each peer (ONNX Runtime, the naive C# network, PyTorch in
// benchmarks/pytorch) runs the same shapes, activations, losses and optimizers.

/// <summary>784-128(ReLU)-10(softmax), cross-entropy, SGD with momentum 0.9, batches of 32.</summary>
[Network(784, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Momentum, LearningRate = 0.01f, Momentum = 0.9f, BatchSize = 32)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public sealed partial class MnistMomentumNet
{
}

/// <summary>784-128(ReLU)-10(softmax), cross-entropy, Adam, batches of 32.</summary>
[Network(784, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.001f, BatchSize = 32)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public sealed partial class MnistAdamNet
{
}

/// <summary>32-64(tanh)-64(tanh)-8, mean squared error, Adam: the small network of the one-row cases.</summary>
[Network(32, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.001f, BatchSize = 32)]
[Dense(64, Activation.Tanh)]
[Dense(64, Activation.Tanh)]
[Dense(8)]
public sealed partial class SmallTanhNet
{
}

/// <summary>1024-1024(ReLU)-1024(ReLU)-10(softmax), cross-entropy, plain SGD, batches of 64: the wide network.</summary>
[Network(1024, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Sgd, LearningRate = 0.01f, BatchSize = 64)]
[Dense(1024, Activation.ReLU)]
[Dense(1024, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public sealed partial class WideNet
{
}

/// <summary>CartPole's Q-network: 4 observations, two hidden layers of 64 ReLU units, one value per action; Adam, batches up to 64.</summary>
[Network(4, Optimizer = Optimizer.Adam, LearningRate = 0.001f, ClipNorm = 10f, BatchSize = 64)]
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(2)]
public sealed partial class QValueNet
{
}

/// <summary>LeNet-5: (28, 28, 1) -> Conv2D(6, 5, ReLU) -> MaxPool2D(2) -> Conv2D(16, 5, ReLU) -> MaxPool2D(2) -> Flatten -> Dense(120, ReLU)
/// -> Dense(84, ReLU) -> Dense(10, Softmax), cross-entropy, Adam, batches of 32.</summary>
[Network(28, 28, 1, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.001f, BatchSize = 32)]
[Conv2D(6, 5, Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(16, 5, Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(120, Activation.ReLU)]
[Dense(84, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public sealed partial class LeNetNet
{
}

/// <summary>The 1-D sensor model: (128, 3) -> Conv1D(16, 5, ReLU) -> MaxPool1D(2) -> Conv1D(32, 5, ReLU) -> GlobalAvgPool -> Dense(6, Softmax),
/// cross-entropy, Adam, batches of 32.</summary>
[Network(128, 3, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.001f, BatchSize = 32)]
[Conv1D(16, 5, Activation.ReLU)]
[MaxPool1D(2)]
[Conv1D(32, 5, Activation.ReLU)]
[GlobalAvgPool]
[Dense(6, Activation.Softmax)]
public sealed partial class SensorNet
{
}

// The streaming cases: one sample per PredictStep through a recurrent layer and a Dense(1), the shapes of RTNeural's
// GRU and LSTM benchmarks (one input feature). The sequence length matters only to training and Predict.

/// <summary>(64, 1) -> GRU(16) -> Dense(1).</summary>
[Network(64, 1, Optimizer = Optimizer.Adam, BatchSize = 32)]
[GRU(16)]
[Dense(1)]
public sealed partial class Gru16Net
{
}

/// <summary>(64, 1) -> GRU(32) -> Dense(1).</summary>
[Network(64, 1, Optimizer = Optimizer.Adam, BatchSize = 32)]
[GRU(32)]
[Dense(1)]
public sealed partial class Gru32Net
{
}

/// <summary>(64, 1) -> GRU(64) -> Dense(1).</summary>
[Network(64, 1, Optimizer = Optimizer.Adam, BatchSize = 32)]
[GRU(64)]
[Dense(1)]
public sealed partial class Gru64Net
{
}

/// <summary>(64, 1) -> LSTM(16) -> Dense(1).</summary>
[Network(64, 1, Optimizer = Optimizer.Adam, BatchSize = 32)]
[LSTM(16)]
[Dense(1)]
public sealed partial class Lstm16Net
{
}

/// <summary>(64, 1) -> LSTM(32) -> Dense(1).</summary>
[Network(64, 1, Optimizer = Optimizer.Adam, BatchSize = 32)]
[LSTM(32)]
[Dense(1)]
public sealed partial class Lstm32Net
{
}

/// <summary>(64, 1) -> LSTM(64) -> Dense(1).</summary>
[Network(64, 1, Optimizer = Optimizer.Adam, BatchSize = 32)]
[LSTM(64)]
[Dense(1)]
public sealed partial class Lstm64Net
{
}

// The causal convolution cases: one sample per PredictStep through Conv1D(8) on one input channel, the shapes of RTNeural's
// Conv1D benchmarks, and a dilated stack of four.

/// <summary>(64, 1) -> Conv1D(8, 3, Causal).</summary>
[Network(64, 1, Optimizer = Optimizer.Adam, BatchSize = 32)]
[Conv1D(8, 3, Padding = Padding.Causal)]
public sealed partial class CausalConvK3Net
{
}

/// <summary>(64, 1) -> Conv1D(8, 3, Causal, Dilation 4).</summary>
[Network(64, 1, Optimizer = Optimizer.Adam, BatchSize = 32)]
[Conv1D(8, 3, Dilation = 4, Padding = Padding.Causal)]
public sealed partial class CausalConvK3D4Net
{
}

/// <summary>(64, 1) -> Conv1D(8, 5, Causal).</summary>
[Network(64, 1, Optimizer = Optimizer.Adam, BatchSize = 32)]
[Conv1D(8, 5, Padding = Padding.Causal)]
public sealed partial class CausalConvK5Net
{
}

/// <summary>(64, 1) -> Conv1D(8, 5, Causal, Dilation 4).</summary>
[Network(64, 1, Optimizer = Optimizer.Adam, BatchSize = 32)]
[Conv1D(8, 5, Dilation = 4, Padding = Padding.Causal)]
public sealed partial class CausalConvK5D4Net
{
}

/// <summary>(64, 1) -> Conv1D(8, 3, Tanh, Causal) with dilations 1, 2, 3 and 4 -> Conv1D(1, 1), a pointwise output.</summary>
[Network(64, 1, Optimizer = Optimizer.Adam, BatchSize = 32)]
[Conv1D(8, 3, Activation.Tanh, Padding = Padding.Causal)]
[Conv1D(8, 3, Activation.Tanh, Dilation = 2, Padding = Padding.Causal)]
[Conv1D(8, 3, Activation.Tanh, Dilation = 3, Padding = Padding.Causal)]
[Conv1D(8, 3, Activation.Tanh, Dilation = 4, Padding = Padding.Causal)]
[Conv1D(1, 1)]
public sealed partial class DilatedConvStackNet
{
}

/// <summary>256 -> 4 blocks of Dense(256)-LayerNorm(ReLU)-Dense(256) + Residual(ReLU) -> 10, squared error, Adam, batches of 32:
/// the residual MLP of the normalisation cases.</summary>
[Network(256, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.001f, BatchSize = 32)]
[Dense(256)]
[LayerNorm(Activation.ReLU)]
[Dense(256)]
[Residual(3, Activation.ReLU)]
[Dense(256)]
[LayerNorm(Activation.ReLU)]
[Dense(256)]
[Residual(3, Activation.ReLU)]
[Dense(256)]
[LayerNorm(Activation.ReLU)]
[Dense(256)]
[Residual(3, Activation.ReLU)]
[Dense(256)]
[LayerNorm(Activation.ReLU)]
[Dense(256)]
[Residual(3, Activation.ReLU)]
[Dense(10)]
public sealed partial class ResidualMlpNet
{
}

/// <summary><see cref="ResidualMlpNet"/> without its LayerNorm layers (each block's first Dense layer takes the LayerNorm's
/// ReLU): what the normalisation costs, measured against the same network with it.</summary>
[Network(256, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.001f, BatchSize = 32)]
[Dense(256, Activation.ReLU)]
[Dense(256)]
[Residual(2, Activation.ReLU)]
[Dense(256, Activation.ReLU)]
[Dense(256)]
[Residual(2, Activation.ReLU)]
[Dense(256, Activation.ReLU)]
[Dense(256)]
[Residual(2, Activation.ReLU)]
[Dense(256, Activation.ReLU)]
[Dense(256)]
[Residual(2, Activation.ReLU)]
[Dense(10)]
public sealed partial class ResidualMlpWithoutNormNet
{
}

/// <summary>LeNet-5 with a BatchNorm after each convolution (the convolutions without activation, the BatchNorm with ReLU): the
/// BatchNorm layers that inference folds into the convolutions; its one-row Predict should cost what <see cref="LeNetNet"/>'s does.</summary>
[Network(28, 28, 1, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.001f, BatchSize = 32)]
[Conv2D(6, 5)]
[BatchNorm(Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(16, 5)]
[BatchNorm(Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(120, Activation.ReLU)]
[Dense(84, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public sealed partial class LeNetBatchNormNet
{
}

/// <summary>256 -> Dense(256) -> BatchNorm(ReLU) -> Dense(10): the BatchNorm that inference folds into the Dense layer before it.</summary>
[Network(256, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.001f, BatchSize = 32)]
[Dense(256)]
[BatchNorm(Activation.ReLU)]
[Dense(10)]
public sealed partial class BatchNormPredictNet
{
}

/// <summary>256 -> Dense(256, ReLU) -> Dense(10): the same network without the BatchNorm, what a folded BatchNorm should cost.</summary>
[Network(256, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.001f, BatchSize = 32)]
[Dense(256, Activation.ReLU)]
[Dense(10)]
public sealed partial class PlainPredictNet
{
}
