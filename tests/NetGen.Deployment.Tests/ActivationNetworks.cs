using NetGen;

namespace NetGen.Deployment.Tests;

// One network per activation, used in a hidden layer and in the output layer, with a dropout
// layer between them (the identity at inference, absent from exported graphs).

// These networks exist to put each activation in a hidden layer, including the two that NetGen
// warns about there (NG0050: linear layers collapse; NG0051: softmax on a hidden layer).
#pragma warning disable NG0050, NG0051

/// <summary>7 inputs, Dense(9, None), Dropout, Dense(4, None).</summary>
[Network(7, Optimizer = Optimizer.Adam, BatchSize = 8)]
[Dense(9, Activation.None)]
[Dropout(0.1f)]
[Dense(4, Activation.None)]
public sealed partial class NoneNet
{
}

/// <summary>7 inputs, Dense(9, ReLU), Dropout, Dense(4, ReLU).</summary>
[Network(7, Optimizer = Optimizer.Adam, BatchSize = 8)]
[Dense(9, Activation.ReLU)]
[Dropout(0.1f)]
[Dense(4, Activation.ReLU)]
public sealed partial class ReLUNet
{
}

/// <summary>7 inputs, Dense(9, LeakyReLU), Dropout, Dense(4, LeakyReLU).</summary>
[Network(7, Optimizer = Optimizer.Adam, BatchSize = 8)]
[Dense(9, Activation.LeakyReLU)]
[Dropout(0.1f)]
[Dense(4, Activation.LeakyReLU)]
public sealed partial class LeakyReLUNet
{
}

/// <summary>7 inputs, Dense(9, ELU), Dropout, Dense(4, ELU).</summary>
[Network(7, Optimizer = Optimizer.Adam, BatchSize = 8)]
[Dense(9, Activation.ELU)]
[Dropout(0.1f)]
[Dense(4, Activation.ELU)]
public sealed partial class ELUNet
{
}

/// <summary>7 inputs, Dense(9, GELU), Dropout, Dense(4, GELU).</summary>
[Network(7, Optimizer = Optimizer.Adam, BatchSize = 8)]
[Dense(9, Activation.GELU)]
[Dropout(0.1f)]
[Dense(4, Activation.GELU)]
public sealed partial class GELUNet
{
}

/// <summary>7 inputs, Dense(9, Sigmoid), Dropout, Dense(4, Sigmoid).</summary>
[Network(7, Optimizer = Optimizer.Adam, BatchSize = 8)]
[Dense(9, Activation.Sigmoid)]
[Dropout(0.1f)]
[Dense(4, Activation.Sigmoid)]
public sealed partial class SigmoidNet
{
}

/// <summary>7 inputs, Dense(9, Tanh), Dropout, Dense(4, Tanh).</summary>
[Network(7, Optimizer = Optimizer.Adam, BatchSize = 8)]
[Dense(9, Activation.Tanh)]
[Dropout(0.1f)]
[Dense(4, Activation.Tanh)]
public sealed partial class TanhNet
{
}

/// <summary>7 inputs, Dense(9, Softmax), Dropout, Dense(4, Softmax).</summary>
[Network(7, Optimizer = Optimizer.Adam, BatchSize = 8)]
[Dense(9, Activation.Softmax)]
[Dropout(0.1f)]
[Dense(4, Activation.Softmax)]
public sealed partial class SoftmaxNet
{
}

#pragma warning restore NG0050, NG0051
