namespace NetGen.Tests.Networks;

// A layer wide enough, and with enough inputs, that its input-major weight matrix is stored in
// panels of columns (a column block of its forward pass would otherwise read a short piece of each
// long row, more than the first-level cache holds); 600 units leave a narrower last panel. The layer
// before it makes the packed layer pass a gradient back to its input.

/// <summary>9 -> 160 Tanh -> 600 ReLU -> 3 Softmax; categorical cross-entropy; AdamW; batches of 5.</summary>
[Network(9, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.AdamW, LearningRate = 0.01f, WeightDecay = 0.1f, BatchSize = 5)]
[Dense(160, Activation.Tanh)]
[Dense(600, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class PanelNet { }
