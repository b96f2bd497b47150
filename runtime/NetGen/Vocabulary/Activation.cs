#if NETGEN_GENERATOR
namespace NetGen.Generator.Vocabulary;
#else
namespace NetGen;
#endif

/// <summary>The activation function applied to a layer's output.</summary>
public enum Activation
{
    /// <summary>The identity: the layer stays linear.</summary>
    None = 0,

    /// <summary><c>max(0, x)</c>.</summary>
    ReLU = 1,

    /// <summary><c>x</c> for positive <c>x</c>, <c>0.01 x</c> otherwise.</summary>
    LeakyReLU = 2,

    /// <summary><c>x</c> for positive <c>x</c>, <c>exp(x) - 1</c> otherwise (alpha 1).</summary>
    ELU = 3,

    /// <summary>The Gaussian error linear unit in its tanh approximation:
    /// <c>0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))</c>.</summary>
    GELU = 4,

    /// <summary>The logistic function <c>1 / (1 + exp(-x))</c>.</summary>
    Sigmoid = 5,

    /// <summary>The hyperbolic tangent.</summary>
    Tanh = 6,

    /// <summary>Softmax over the layer's units, row by row.</summary>
    Softmax = 7,
}
