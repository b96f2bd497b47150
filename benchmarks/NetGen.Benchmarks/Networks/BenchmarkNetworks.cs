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
