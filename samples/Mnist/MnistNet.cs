using NetGen;

namespace Mnist;

/// <summary>PyTorch's classic MNIST multilayer perceptron: 784 pixels, 128 ReLU units, 10 softmax outputs, SGD with momentum 0.9.</summary>
[Network(784, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Momentum, LearningRate = 0.05f, Momentum = 0.9f, BatchSize = 64)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class MnistNet
{
}
