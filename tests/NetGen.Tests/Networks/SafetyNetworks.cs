namespace NetGen.Tests.Networks;

/// <summary>4 -> Dense(2, Softmax); cross-entropy; SGD: a network whose logits stay finite on inputs whose weight gradient does not.</summary>
[Network(4, Loss = Loss.CategoricalCrossEntropy, BatchSize = 2)]
[Dense(2, Activation.Softmax)]
public partial class OverflowProbe { }
