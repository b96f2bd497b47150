namespace NetGen.Tests.Networks;

// Recurrent networks. Each has a PyTorch twin in Fixtures/make_recurrent_fixtures.py; together they cover every optimizer and
// loss, a state narrower than a vector (padded), wider than one (several vectors and, on narrow paths, several blocks of a
// streamed step), longer than a written-out product (a loop), stacks that pass the gradient through a recurrent layer, and
// clipping with penalties.

/// <summary>(6, 3) -> GRU(5) -> Dense(2): the last state into a Dense layer; squared error; Adam with clipping and L2.</summary>
[Network(6, 3, Optimizer = Optimizer.Adam, BatchSize = 8, ClipNorm = 0.5f, L2 = 0.01f)]
[GRU(5)]
[Dense(2)]
public partial class GruNet { }

/// <summary>(5, 2) -> LSTM(4, ReturnSequences) -> Dense(3, Tanh): an output at every step; squared error; momentum.</summary>
[Network(5, 2, Optimizer = Optimizer.Momentum, BatchSize = 6)]
[LSTM(4, ReturnSequences = true)]
[Dense(3, Activation.Tanh)]
public partial class LstmSequenceNet { }

/// <summary>(7, 2) -> GRU(20, ReturnSequences) -> GRU(6) -> Dense(1): a stack, the gradient through the first GRU's input; Huber; RMSProp.</summary>
[Network(7, 2, Loss = Loss.Huber, Optimizer = Optimizer.RMSProp, BatchSize = 5)]
[GRU(20, ReturnSequences = true)]
[GRU(6)]
[Dense(1)]
public partial class StackedGruNet { }

/// <summary>(4, 3) -> LSTM(6, ReturnSequences) -> LSTM(40) -> Dense(3, Softmax): a stack with a state longer than a written-out
/// product; cross-entropy; AdamW.</summary>
[Network(4, 3, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.AdamW, WeightDecay = 0.01f, BatchSize = 4)]
[LSTM(6, ReturnSequences = true)]
[LSTM(40)]
[Dense(3, Activation.Softmax)]
public partial class StackedLstmNet { }

/// <summary>(5, 4) -> GRU(3) -> Dense(1, Sigmoid): a sequence classified from its last state; binary cross-entropy; SGD.</summary>
[Network(5, 4, Loss = Loss.BinaryCrossEntropy, BatchSize = 7)]
[GRU(3)]
[Dense(1, Activation.Sigmoid)]
public partial class GruClassifierNet { }

/// <summary>(3, 2) -> LSTM(3) -> Dense(2): absolute error; Nesterov with L1.</summary>
[Network(3, 2, Loss = Loss.MeanAbsoluteError, Optimizer = Optimizer.Nesterov, BatchSize = 4, L1 = 0.001f)]
[LSTM(3)]
[Dense(2)]
public partial class LstmNesterovNet { }

/// <summary>(8, 1) -> GRU(2, ReturnSequences) -> Dense(1): one feature per step, an output per step; squared error; AdaGrad.</summary>
[Network(8, 1, Optimizer = Optimizer.AdaGrad, BatchSize = 3)]
[GRU(2, ReturnSequences = true)]
[Dense(1)]
public partial class GruPerStepNet { }

/// <summary>(16, 1) -> GRU(16) -> Dense(1): the audio model's shape, for training on 32 rows with threads.</summary>
[Network(16, 1, Optimizer = Optimizer.Adam, BatchSize = 32)]
[GRU(16)]
[Dense(1)]
public partial class AudioGruNet { }

/// <summary>(6, 2) -> Dropout(0.25) -> LSTM(17, ReturnSequences) -> Dropout(0.1) -> GRU(9, ReturnSequences) -> Dense(2): dropout on the input
/// and between recurrent layers, which streaming skips as inference calls do.</summary>
[Network(6, 2, Optimizer = Optimizer.Adam, BatchSize = 16)]
[Dropout(0.25f)]
[LSTM(17, ReturnSequences = true)]
[Dropout(0.1f)]
[GRU(9, ReturnSequences = true)]
[Dense(2)]
public partial class RecurrentDropoutNet { }

/// <summary>(20, 3) -> GRU(62) -> Dense(20, Tanh) -> Dense(2): a W_hh of 47.6 KB, which a streamed step reads by blocks and, from
/// the 16th step, from its block-major copy (62 units: padded lanes and a product whose chains do not divide it); the Dense(20)
/// after it reads its own copy in streamed steps too.</summary>
[Network(20, 3, Optimizer = Optimizer.Adam, BatchSize = 4, ClipNorm = 1f)]
[GRU(62)]
[Dense(20, Activation.Tanh)]
[Dense(2)]
public partial class BlockGruNet { }

/// <summary>(20, 2) -> GRU(40, ReturnSequences) -> LSTM(45, ReturnSequences) -> Dense(1): an LSTM whose W_hh of 34.6 KB is stepped by
/// blocks, over 40 features (its input product a loop, longer than a written-out one), after a GRU stepped whole; an output at every
/// step; momentum.</summary>
[Network(20, 2, Optimizer = Optimizer.Momentum, BatchSize = 4)]
[GRU(40, ReturnSequences = true)]
[LSTM(45, ReturnSequences = true)]
[Dense(1)]
public partial class BlockLstmNet { }
