using NetGen;

namespace BreastCancer;

/// <summary>The classic Keras binary classifier: 30 features, Dense 128 ReLU, Dense 64 ReLU, one sigmoid output, Adam on binary cross-entropy.</summary>
[Network(30, Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 1e-3f, BatchSize = 32)]
[Dense(128, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class CancerNet
{
}
