using NetGen;

namespace Optimizers;

// The same 13-16-3 wine classifier with each update rule, all at learning rate 0.01.

/// <summary>The wine classifier trained with Sgd.</summary>
[Network(13, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Sgd, LearningRate = 0.01f, BatchSize = 16)]
[Dense(16, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class WineSgd
{
}

/// <summary>The wine classifier trained with Momentum.</summary>
[Network(13, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Momentum, LearningRate = 0.01f, BatchSize = 16)]
[Dense(16, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class WineMomentum
{
}

/// <summary>The wine classifier trained with Nesterov.</summary>
[Network(13, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Nesterov, LearningRate = 0.01f, BatchSize = 16)]
[Dense(16, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class WineNesterov
{
}

/// <summary>The wine classifier trained with AdaGrad.</summary>
[Network(13, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.AdaGrad, LearningRate = 0.01f, BatchSize = 16)]
[Dense(16, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class WineAdaGrad
{
}

/// <summary>The wine classifier trained with RMSProp.</summary>
[Network(13, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.RMSProp, LearningRate = 0.01f, BatchSize = 16)]
[Dense(16, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class WineRMSProp
{
}

/// <summary>The wine classifier trained with Adam.</summary>
[Network(13, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, BatchSize = 16)]
[Dense(16, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class WineAdam
{
}

/// <summary>The wine classifier trained with AdamW.</summary>
[Network(13, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.AdamW, LearningRate = 0.01f, WeightDecay = 0.01f, BatchSize = 16)]
[Dense(16, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class WineAdamW
{
}
