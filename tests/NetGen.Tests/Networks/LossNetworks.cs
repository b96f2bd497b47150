namespace NetGen.Tests.Networks;

// Two inputs, three outputs, one network per loss: with zero weights the outputs (or logits) are
// the biases, so that losses and their gradients can be computed by hand.

[Network(2, Loss = Loss.MeanSquaredError, BatchSize = 2)]
[Dense(3)]
public partial class SquaredErrorLayer { }

[Network(2, Loss = Loss.MeanAbsoluteError, BatchSize = 2)]
[Dense(3)]
public partial class AbsoluteErrorLayer { }

[Network(2, Loss = Loss.Huber, BatchSize = 2)]
[Dense(3)]
public partial class HuberLayer { }

[Network(2, Loss = Loss.BinaryCrossEntropy, BatchSize = 2)]
[Dense(3, Activation.Sigmoid)]
public partial class BinaryCrossEntropyLayer { }

[Network(2, Loss = Loss.CategoricalCrossEntropy, BatchSize = 2)]
[Dense(3, Activation.Softmax)]
public partial class CategoricalCrossEntropyLayer { }
