namespace NetGen.Tests.Networks;

// One input, six units, one network per activation: with the input 1 and zero biases, each unit's
// pre-activation is its weight, so outputs and derivatives can be checked against known values.

[Network(1, BatchSize = 1)]
[Dense(6)]
public partial class IdentityUnits { }

[Network(1, BatchSize = 1)]
[Dense(6, Activation.ReLU)]
public partial class ReLUUnits { }

[Network(1, BatchSize = 1)]
[Dense(6, Activation.LeakyReLU)]
public partial class LeakyReLUUnits { }

[Network(1, BatchSize = 1)]
[Dense(6, Activation.ELU)]
public partial class ELUUnits { }

[Network(1, BatchSize = 1)]
[Dense(6, Activation.GELU)]
public partial class GELUUnits { }

[Network(1, BatchSize = 1)]
[Dense(6, Activation.Sigmoid)]
public partial class SigmoidUnits { }

[Network(1, BatchSize = 1)]
[Dense(6, Activation.Tanh)]
public partial class TanhUnits { }

[Network(1, BatchSize = 1)]
[Dense(6, Activation.Softmax)]
public partial class SoftmaxUnits { }
