using NetGen;

namespace LearningRateSearch;

/// <summary>A wine classifier: 13 features, 32 ReLU units, 3 softmax outputs, SGD with momentum 0.9; the learning rate and L2 are searched at run time.</summary>
[Network(13, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Momentum, LearningRate = 0.01f, Momentum = 0.9f, BatchSize = 16)]
[Dense(32, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class WineNet
{
}
