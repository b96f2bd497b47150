using NetGen;

namespace LeNet;

/// <summary>LeNet-5 as PyTorch's tutorials write it: two 5x5 convolutions (6 and 16 filters) each followed by a 2x2 max pool, then
/// 120, 84 and 10 units; softmax cross-entropy, Adam with PyTorch's default learning rate, batches of 32.</summary>
[Network(28, 28, 1, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.001f, BatchSize = 32)]
[Conv2D(6, 5, Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(16, 5, Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(120, Activation.ReLU)]
[Dense(84, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class LeNet5
{
}
