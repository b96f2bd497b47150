namespace NetGen.Tests.Networks;

// Architectures with sizes of 1, 3, 7, 17, 33, 129 and 257 units (and 16, 31, 63 and 513), so
// that every vector tail, every register-tile remainder and both internal weight layouts
// (input-major for the first and for widening layers, output-major for narrowing ones) are
// exercised on every SIMD path. Between them they cover every loss, every activation in hidden
// and output position, every optimizer, batch sizes that leave row-tile remainders, and Dropout
// layers of rate 0.

/// <summary>7 -> 33 ReLU -> 129 Tanh -> 17; squared error; momentum.</summary>
[Network(7, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Momentum, LearningRate = 0.05f, BatchSize = 9)]
[Dense(33, Activation.ReLU)]
[Dense(129, Activation.Tanh)]
[Dense(17)]
public partial class SquaredErrorReluTanhNet { }

/// <summary>257 -> 17 LeakyReLU -> 3 Sigmoid; absolute error; SGD.</summary>
[Network(257, Loss = Loss.MeanAbsoluteError, Optimizer = Optimizer.Sgd, LearningRate = 0.1f, BatchSize = 5)]
[Dense(17, Activation.LeakyReLU)]
[Dense(3, Activation.Sigmoid)]
public partial class AbsoluteErrorLeakySigmoidNet { }

/// <summary>3 -> 257 ELU -> 7 Softmax; Huber (softmax without a fused loss); RMSProp.</summary>
[Network(3, Loss = Loss.Huber, Optimizer = Optimizer.RMSProp, LearningRate = 0.01f, BatchSize = 7)]
[Dense(257, Activation.ELU)]
[Dense(7, Activation.Softmax)]
public partial class HuberEluSoftmaxNet { }

/// <summary>33 -> 129 GELU -> 1 Sigmoid; binary cross-entropy; Adam.</summary>
[Network(33, Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, BatchSize = 6)]
[Dense(129, Activation.GELU)]
[Dense(1, Activation.Sigmoid)]
public partial class BinaryCrossEntropyGeluNet { }

/// <summary>129 -> 7 Sigmoid -> 33 LeakyReLU -> 17 Softmax; categorical cross-entropy; AdamW.</summary>
[Network(129, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.AdamW, LearningRate = 0.01f, WeightDecay = 0.1f, BatchSize = 8)]
[Dense(7, Activation.Sigmoid)]
[Dense(33, Activation.LeakyReLU)]
[Dense(17, Activation.Softmax)]
public partial class CategoricalSigmoidLeakyNet { }

/// <summary>1 -> 17 Sigmoid -> 7 Softmax; squared error through softmax; Nesterov.</summary>
[Network(1, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Nesterov, LearningRate = 0.1f, BatchSize = 4)]
[Dense(17, Activation.Sigmoid)]
[Dense(7, Activation.Softmax)]
public partial class SquaredErrorSigmoidSoftmaxNet { }

/// <summary>17 -> Dropout(0) -> 33 ReLU -> Dropout(0) -> 257 GELU -> Dropout(0) -> 3 Tanh; squared error; AdaGrad.</summary>
[Network(17, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.AdaGrad, LearningRate = 0.01f, BatchSize = 11)]
[Dropout(0f)]
[Dense(33, Activation.ReLU)]
[Dropout(0f)]
[Dense(257, Activation.GELU)]
[Dropout(0f)]
[Dense(3, Activation.Tanh)]
public partial class ZeroRateDropoutNet { }

/// <summary>257 -> 257 Tanh -> 129 ELU -> 1; Huber; one row per step; momentum with dampening.</summary>
[Network(257, Loss = Loss.Huber, Optimizer = Optimizer.Momentum, LearningRate = 0.05f, Momentum = 0.8f, Dampening = 0.3f, BatchSize = 1)]
[Dense(257, Activation.Tanh)]
[Dense(129, Activation.ELU)]
[Dense(1)]
public partial class SingleRowHuberNet { }

// The linear hidden layer is deliberate: it tests Activation.None between two Dense layers, which
// NG0050 rightly calls wasteful in a real model.
#pragma warning disable NG0050

/// <summary>33 -> 3 GELU -> 257 None -> 7 ReLU -> 1 Sigmoid; binary cross-entropy; RMSProp. A 3-wide bottleneck between wide layers.</summary>
[Network(33, Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.RMSProp, LearningRate = 0.01f, Rho = 0.9f, BatchSize = 13)]
[Dense(3, Activation.GELU)]
[Dense(257)]
[Dense(7, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class BottleneckNet { }
#pragma warning restore NG0050

/// <summary>
/// 31 -> 16 ELU -> 63 GELU -> 513 LeakyReLU -> 31 Sigmoid -> 7; squared error; Adam. Widths just
/// below and at a multiple of 16, so that the last vector of a padded row holds real values on
/// every path, and a 513-wide layer whose rows need more vectors than one register tile holds,
/// even with AVX-512.
/// </summary>
[Network(31, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.001f, BatchSize = 10)]
[Dense(16, Activation.ELU)]
[Dense(63, Activation.GELU)]
[Dense(513, Activation.LeakyReLU)]
[Dense(31, Activation.Sigmoid)]
[Dense(7)]
public partial class EdgeWidthNet { }
