using NetGen;

namespace Serving;

/// <summary>
/// The network served: 8x8 digits (64 pixel counts divided by 16) to 10 class probabilities. Its
/// layers, loss and optimizer match samples/EdgeInference's, so that sample's checkpoints load here.
/// </summary>
[Network(64, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.005f, BatchSize = 64)]
[Dense(32, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public sealed partial class DigitsNet
{
}
