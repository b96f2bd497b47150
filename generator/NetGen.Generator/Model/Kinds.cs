namespace NetGen.Generator.Model;

// These mirror the runtime's public enums value for value (NetGen.Activation, NetGen.Loss,
// NetGen.Optimizer); the generator reads attribute arguments as integers and never loads the runtime.

/// <summary>Mirror of <c>NetGen.Activation</c>.</summary>
internal enum ActivationKind
{
    None = 0,
    ReLU = 1,
    LeakyReLU = 2,
    ELU = 3,
    GELU = 4,
    Sigmoid = 5,
    Tanh = 6,
    Softmax = 7,
}

/// <summary>Mirror of <c>NetGen.Loss</c>.</summary>
internal enum LossKind
{
    MeanSquaredError = 0,
    MeanAbsoluteError = 1,
    Huber = 2,
    BinaryCrossEntropy = 3,
    CategoricalCrossEntropy = 4,
}

/// <summary>Mirror of <c>NetGen.Optimizer</c>.</summary>
internal enum OptimizerKind
{
    Sgd = 0,
    Momentum = 1,
    Nesterov = 2,
    AdaGrad = 3,
    RMSProp = 4,
    Adam = 5,
    AdamW = 6,
}

/// <summary>The layer attributes NetGen knows.</summary>
internal enum LayerKindSpec
{
    Dense = 0,
    Dropout = 1,
}
