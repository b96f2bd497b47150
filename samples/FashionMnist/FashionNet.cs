using NetGen;

namespace FashionMnist;

/// <summary>TensorFlow's classic Fashion-MNIST classifier: 784 pixels, 128 ReLU units, dropout 0.2, 10 softmax outputs, Adam.</summary>
[Network(784, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 1e-3f, BatchSize = 32)]
[Dense(128, Activation.ReLU)]
[Dropout(0.2f)]
[Dense(10, Activation.Softmax)]
public partial class FashionNet
{
}
