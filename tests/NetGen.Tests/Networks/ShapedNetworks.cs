namespace NetGen.Tests.Networks;

// Networks with shapes of several axes. Each has a PyTorch twin in Fixtures/make_shaped_fixtures.py.

/// <summary>(5, 3) -> Dense(4, Tanh) -> Dense(2): a Dense layer at every step of a sequence; squared error; Adam.</summary>
[Network(5, 3, Optimizer = Optimizer.Adam, BatchSize = 6)]
[Dense(4, Activation.Tanh)]
[Dense(2)]
public partial class PerStepNet { }

/// <summary>(4, 3, 2) -> Dense(6, ReLU) -> Flatten -> Dense(3, Softmax): a Dense layer at each pixel, a Flatten that copies
/// (6 channels are padded to 16) and a Dense layer whose weight is exchanged in PyTorch's (C, H, W) order; cross-entropy; momentum.</summary>
[Network(4, 3, 2, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Momentum, BatchSize = 32)]
[Dense(6, Activation.ReLU)]
[Flatten]
[Dense(3, Activation.Softmax)]
public partial class PixelFlattenNet { }

/// <summary>(3, 4, 2) -> Flatten -> Dense(5, GELU) -> Dense(3, Sigmoid): a Flatten of the caller's rows (a view) before the
/// first Dense layer; binary cross-entropy; AdamW.</summary>
[Network(3, 4, 2, Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.AdamW, WeightDecay = 0.01f, BatchSize = 7)]
[Flatten]
[Dense(5, Activation.GELU)]
[Dense(3, Activation.Sigmoid)]
public partial class InputFlattenNet { }

/// <summary>(6, 16) -> Dense(16, ReLU) -> Flatten -> Dense(4, Softmax): a Flatten that is a view (16 channels need no padding),
/// read by an output-major Dense layer; cross-entropy; RMSProp.</summary>
[Network(6, 16, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.RMSProp, BatchSize = 10)]
[Dense(16, Activation.ReLU)]
[Flatten]
[Dense(4, Activation.Softmax)]
public partial class SequenceViewNet { }

// A classification at every position is what this network is for (NG0053 would take it for a forgotten Flatten).
#pragma warning disable NG0053

/// <summary>(3, 5) -> Dense(4, Softmax): a classification at every position, the cross-entropy averaged over rows and positions; SGD.</summary>
[Network(3, 5, Loss = Loss.CategoricalCrossEntropy, BatchSize = 4)]
[Dense(4, Activation.Softmax)]
public partial class PerPositionClassifierNet { }
#pragma warning restore NG0053

/// <summary>(4, 6) -> Dropout(0.3) -> Dense(8, ELU) -> Flatten -> Dropout(0.2) -> Dense(2): dropout on a shaped input and on a flat row.</summary>
[Network(4, 6, Optimizer = Optimizer.Nesterov, BatchSize = 32)]
[Dropout(0.3f)]
[Dense(8, Activation.ELU)]
[Flatten]
[Dropout(0.2f)]
[Dense(2)]
public partial class ShapedDropoutNet { }

// Integer labels and logits outputs, as PyTorch models end (CrossEntropyLoss, BCEWithLogitsLoss). Their twins are in
// Fixtures/make_shaped_fixtures.py too.

/// <summary>6 -> Dense(8, ReLU) -> Dense(4): logits; one class index per row; Adam.</summary>
[Network(6, Loss = Loss.SparseCategoricalCrossEntropy, Optimizer = Optimizer.Adam, BatchSize = 9)]
[Dense(8, Activation.ReLU)]
[Dense(4)]
public partial class SparseLogitsNet { }

/// <summary>6 -> Dense(5, Tanh) -> Dense(3, Softmax): probabilities; one class index per row; momentum.</summary>
[Network(6, Loss = Loss.SparseCategoricalCrossEntropy, Optimizer = Optimizer.Momentum, BatchSize = 5)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class SparseSoftmaxNet { }

/// <summary>5 -> Dense(6, ELU) -> Dense(3): logits; one-hot targets; RMSProp.</summary>
[Network(5, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.RMSProp, BatchSize = 8)]
[Dense(6, Activation.ELU)]
[Dense(3)]
public partial class CategoricalLogitsNet { }

/// <summary>5 -> Dense(4, ReLU) -> Dense(2): logits of two independent yes/no outputs; AdamW.</summary>
[Network(5, Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.AdamW, WeightDecay = 0.01f, BatchSize = 6)]
[Dense(4, Activation.ReLU)]
[Dense(2)]
public partial class BinaryLogitsNet { }

#pragma warning disable NG0053 // a classification at every position is meant, as for PerPositionClassifierNet

/// <summary>(3, 5) -> Dense(4): logits at each of 3 positions, one class index per position (TargetSize 3); SGD.</summary>
[Network(3, 5, Loss = Loss.SparseCategoricalCrossEntropy, BatchSize = 4)]
[Dense(4)]
public partial class SparsePerPositionLogitsNet { }
#pragma warning restore NG0053
