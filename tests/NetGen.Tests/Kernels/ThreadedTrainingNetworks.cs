namespace NetGen.Tests.Kernels;

// Batches of up to 70 rows, so that two and three threads get row ranges; dropout on the input and
// between layers; widening (input-major) and narrowing (output-major) layers of awkward widths.

[Network(37, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, L2 = 1e-3f, BatchSize = 70)]
[Dropout(0.1f)]
[Dense(130, Activation.GELU)]
[Dropout(0.3f)]
[Dense(33, Activation.Tanh)]
[Dense(5, Activation.Softmax)]
public partial class ThreadedAdamNet
{
}

[Network(300, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Momentum, LearningRate = 0.01f, ClipNorm = 0.5f, BatchSize = 64)]
[Dense(500, Activation.ReLU)]
[Dense(3)]
public partial class ThreadedClippedNet
{
}

// A fused Adam step over a weight matrix stored in panels (see Networks/PanelNetworks.cs): each part
// updates its own rows of every panel.
[Network(24, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, BatchSize = 64)]
[Dense(200, Activation.Tanh)]
[Dense(700, Activation.ReLU)]
[Dense(4, Activation.Softmax)]
public partial class ThreadedPanelNet
{
}
