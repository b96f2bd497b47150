namespace NetGen.Generator.Model;

/// <summary>The numeric settings of a <c>[Network]</c> attribute, with the contract's defaults.</summary>
internal sealed record HyperparameterSpec(
    float LearningRate = 0.01f,
    float Momentum = 0.9f,
    float Dampening = 0f,
    float Beta1 = 0.9f,
    float Beta2 = 0.999f,
    float Epsilon = 1e-8f,
    float Rho = 0.99f,
    float L1 = 0f,
    float L2 = 0f,
    float WeightDecay = 0f,
    float ClipNorm = 0f);
