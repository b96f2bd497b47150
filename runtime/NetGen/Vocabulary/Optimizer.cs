#if NETGEN_GENERATOR
namespace NetGen.Generator.Vocabulary;
#else
namespace NetGen;
#endif

/// <summary>The update rule of a training step, with PyTorch's semantics.</summary>
public enum Optimizer
{
    /// <summary>Plain gradient descent: <c>p -= lr * g</c>.</summary>
    Sgd = 0,

    /// <summary>Heavy-ball momentum: <c>v = m v + (1 - dampening) g; p -= lr v</c>, with <c>v</c> starting at zero.</summary>
    Momentum = 1,

    /// <summary>Nesterov momentum: <c>v = m v + (1 - dampening) g; p -= lr (g + m v)</c>.</summary>
    Nesterov = 2,

    /// <summary>AdaGrad: <c>s += g^2; p -= lr g / (sqrt(s) + eps)</c>.</summary>
    AdaGrad = 3,

    /// <summary>RMSProp: <c>s = rho s + (1 - rho) g^2; p -= lr g / (sqrt(s) + eps)</c>.</summary>
    RMSProp = 4,

    /// <summary>Adam with bias correction; epsilon is added after the square root.</summary>
    Adam = 5,

    /// <summary>Adam with decoupled weight decay: <c>p -= lr wd p</c> on weights before the Adam step.</summary>
    AdamW = 6,
}
