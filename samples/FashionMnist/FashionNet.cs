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

/// <summary>
/// The convolutional counterpart: LeNet-5's shape (two 5x5 convolutions with 6 and 16 filters, each followed by a 2x2 max
/// pool, then 120, 84 and 10 units) on the same 28x28 images, with Adam.
/// </summary>
[Network(28, 28, 1, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 1e-3f, BatchSize = 32)]
[Conv2D(6, 5, Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(16, 5, Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(120, Activation.ReLU)]
[Dense(84, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class FashionConvNet
{
}
