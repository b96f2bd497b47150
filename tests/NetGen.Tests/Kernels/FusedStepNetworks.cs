namespace NetGen.Tests.Kernels;

// Networks whose first weight matrix (600 x 304 floats, input-major) is large enough that the fused
// training step updates it tile by tile, and whose last layer is small enough to be updated in one call.

[Network(600, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.AdamW, LearningRate = 0.01f, WeightDecay = 0.05f, L1 = 1e-4f, L2 = 1e-3f, BatchSize = 19)]
[Dense(300, Activation.ReLU)]
[Dropout(0.25f)]
[Dense(5, Activation.Softmax)]
public partial class FusedAdamWNet
{
}

[Network(600, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Nesterov, LearningRate = 0.02f, Momentum = 0.8f, L2 = 1e-3f, BatchSize = 19)]
[Dense(300, Activation.Tanh)]
[Dense(7)]
public partial class FusedNesterovNet
{
}

[Network(600, Loss = Loss.Huber, Optimizer = Optimizer.RMSProp, LearningRate = 0.001f, L1 = 1e-3f, BatchSize = 19)]
[Dense(300, Activation.GELU)]
[Dense(3, Activation.Sigmoid)]
public partial class FusedRmsPropNet
{
}

[Network(33, Loss = Loss.MeanAbsoluteError, Optimizer = Optimizer.AdaGrad, LearningRate = 0.05f, BatchSize = 9)]
[Dense(17, Activation.ELU)]
[Dense(129, Activation.LeakyReLU)]
[Dense(2)]
public partial class FusedAdaGradNet
{
}

[Network(40, Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.Momentum, LearningRate = 0.05f, Dampening = 0.1f, BatchSize = 9)]
[Dense(600, Activation.ReLU)]
[Dense(300, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class FusedMomentumNet
{
}

[Network(24, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, BatchSize = 8)]
[Dense(3, Activation.Tanh)]
[Dense(4)]
public partial class FusedSgdNet
{
}
