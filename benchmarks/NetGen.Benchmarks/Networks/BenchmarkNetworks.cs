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
