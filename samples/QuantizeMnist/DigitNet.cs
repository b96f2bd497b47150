using NetGen;

namespace QuantizeMnist;

/// <summary>A 784-128-10 perceptron for 28x28 digits, trained with Adam.</summary>
[Network(784, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 1e-3f, BatchSize = 64)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public sealed partial class DigitNet
{
}
