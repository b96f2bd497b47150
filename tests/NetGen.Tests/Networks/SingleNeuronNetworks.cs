namespace NetGen.Tests.Networks;

// One linear neuron y = w1 x1 + w2 x2 + b with the squared error, one network per update rule,
// so that single optimizer steps can be computed by hand.

[Network(2, Optimizer = Optimizer.Sgd, LearningRate = 0.1f, BatchSize = 2)]
[Dense(1)]
public partial class SgdNeuron { }

[Network(2, Optimizer = Optimizer.Momentum, LearningRate = 0.1f, Momentum = 0.9f, BatchSize = 2)]
[Dense(1)]
public partial class MomentumNeuron { }

[Network(2, Optimizer = Optimizer.Nesterov, LearningRate = 0.1f, Momentum = 0.9f, BatchSize = 2)]
[Dense(1)]
public partial class NesterovNeuron { }

[Network(2, Optimizer = Optimizer.AdaGrad, LearningRate = 0.1f, BatchSize = 2)]
[Dense(1)]
public partial class AdaGradNeuron { }

[Network(2, Optimizer = Optimizer.RMSProp, LearningRate = 0.1f, Rho = 0.99f, BatchSize = 2)]
[Dense(1)]
public partial class RMSPropNeuron { }

[Network(2, Optimizer = Optimizer.Adam, LearningRate = 0.1f, BatchSize = 2)]
[Dense(1)]
public partial class AdamNeuron { }

[Network(2, Optimizer = Optimizer.AdamW, LearningRate = 0.1f, WeightDecay = 0.5f, BatchSize = 2)]
[Dense(1)]
public partial class AdamWNeuron { }

/// <summary>Every hyperparameter declared with a value other than its default.</summary>
// The point is that every value is stored and read back, including those Sgd does not use, which NG0055 reports.
#pragma warning disable NG0055
[Network(2, Optimizer = Optimizer.Sgd, LearningRate = 0.25f, Momentum = 0.5f, Dampening = 0.125f, Beta1 = 0.75f,
         Beta2 = 0.875f, Epsilon = 0.0625f, Rho = 0.5f, L1 = 0.03125f, L2 = 0.015625f, WeightDecay = 0.375f, ClipNorm = 2.5f, BatchSize = 3)]
[Dense(1)]
public partial class DeclaredHyperparametersNeuron { }
#pragma warning restore NG0055

/// <summary>Declares no batch size, so the contract's default of 32 applies.</summary>
[Network(4)]
[Dense(2, Activation.Softmax)]
public partial class SoftmaxNetworkWithDefaultBatch { }
