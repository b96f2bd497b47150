namespace NetGen.Training.Tests;

/// <summary>Linear regression, 2 inputs, updated by plain SGD in chunks of 4 rows.</summary>
[Network(2, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.1f, BatchSize = 4)]
[Dense(1)]
public partial class LinearNet
{
}

/// <summary>The same layers as <see cref="LinearNet"/> with room for 16 rows per call.</summary>
[Network(2, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.1f, BatchSize = 16)]
[Dense(1)]
public partial class WideLinearNet
{
}

/// <summary>A small three-class classifier with dropout and Adam.</summary>
[Network(3, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, BatchSize = 8)]
[Dense(8, Activation.ReLU)]
[Dropout(0.2f)]
[Dense(3, Activation.Softmax)]
public partial class ClassifierNet
{
}

/// <summary><see cref="ClassifierNet"/> for integer labels: one class index per row, and logits out, as a PyTorch model
/// ending in <c>nn.Linear</c> and trained with <c>CrossEntropyLoss</c>.</summary>
[Network(3, Loss = Loss.SparseCategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, BatchSize = 8)]
[Dense(8, Activation.ReLU)]
[Dense(3)]
public partial class SparseLogitsClassifierNet
{
}

/// <summary>Integer labels with a softmax output.</summary>
[Network(3, Loss = Loss.SparseCategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, BatchSize = 8)]
[Dense(8, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class SparseClassifierNet
{
}

/// <summary>A yes/no classifier with a logit output, as with PyTorch's <c>BCEWithLogitsLoss</c>.</summary>
[Network(3, Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, BatchSize = 8)]
[Dense(8, Activation.ReLU)]
[Dense(1)]
public partial class BinaryLogitClassifierNet
{
}
