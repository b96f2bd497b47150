namespace NetGen.Tests.Networks;

// Probes for dropout semantics: with identity weights and zero biases the outputs are the dropped
// inputs, which the bias gradient of a one-row step reveals. 20 is not a multiple of any vector width.

/// <summary>20 -> Dropout(0.3) -> 20 linear: dropout on the network input.</summary>
[Network(20, BatchSize = 5)]
[Dropout(0.3f)]
[Dense(20)]
public partial class InputDropoutProbe { }

// Two linear layers are what makes the probe readable (NG0050 would rightly call them wasteful in a real model).
#pragma warning disable NG0050

/// <summary>20 -> 20 linear -> Dropout(0.3) -> 20 linear: dropout between layers.</summary>
[Network(20, BatchSize = 5)]
[Dense(20)]
[Dropout(0.3f)]
[Dense(20)]
public partial class HiddenDropoutProbe { }
#pragma warning restore NG0050

/// <summary>The contract's example: 784 -> 128 ReLU -> Dropout(0.2) -> 10 Softmax, categorical cross-entropy, Adam.</summary>
[Network(784, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 1e-3f, BatchSize = 32)]
[Dense(128, Activation.ReLU)]
[Dropout(0.2f)]
[Dense(10, Activation.Softmax)]
public partial class MnistShapedNet { }

/// <summary>A small network with Adam and two dropout layers, for checkpoints and determinism.</summary>
[Network(5, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, BatchSize = 4)]
[Dropout(0.1f)]
[Dense(9, Activation.ReLU)]
[Dropout(0.4f)]
[Dense(3, Activation.Softmax)]
public partial class SmallDropoutAdamNet { }
