using NetGen;

namespace Quickstart;

/// <summary>Two inputs, eight tanh units, one sigmoid output, trained with Adam on binary cross-entropy.</summary>
[Network(2, Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.05f, BatchSize = 4)]
[Dense(8, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class XorNet
{
}
