namespace NetGen.Tests.Networks;

// Output-major Dense layers (each narrows after a trainable layer) whose one-row inference calls read a copy of their weights in
// tile order once made: 64 -> 40 leaves part of a tile on every path (16, 8 and 12 outputs a tile on the Vector512, Vector256
// and Vector128 paths), and 40 -> 24 keeps its pre-activation for GELU's derivative, so it reads its own weights always.

/// <summary>48 -> 64 Tanh -> 40 ReLU -> 24 GELU -> 3 Softmax; categorical cross-entropy; Adam; batches of 6.</summary>
[Network(48, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, BatchSize = 6)]
[Dense(64, Activation.Tanh)]
[Dense(40, Activation.ReLU)]
[Dense(24, Activation.GELU)]
[Dense(3, Activation.Softmax)]
public partial class NarrowingNet { }
