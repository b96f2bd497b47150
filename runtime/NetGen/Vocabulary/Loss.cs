#if NETGEN_GENERATOR
namespace NetGen.Generator.Vocabulary;
#else
namespace NetGen;
#endif

/// <summary>
/// The loss a network minimises. Every loss is reduced by its mean, as PyTorch's
/// <c>reduction='mean'</c> does: over all elements for the element-wise losses, over rows for
/// <see cref="CategoricalCrossEntropy"/>.
/// </summary>
public enum Loss
{
    /// <summary>Mean of <c>(y - t)^2</c> over all elements.</summary>
    MeanSquaredError = 0,

    /// <summary>Mean of <c>|y - t|</c> over all elements.</summary>
    MeanAbsoluteError = 1,

    /// <summary>Mean Huber loss with delta 1: <c>0.5 d^2</c> when <c>|d| &lt; 1</c>, <c>|d| - 0.5</c> otherwise.</summary>
    Huber = 2,

    /// <summary>Binary cross-entropy, computed from the logits of a <see cref="Activation.Sigmoid"/>
    /// output layer in the numerically stable fused form. Mean over all elements.</summary>
    BinaryCrossEntropy = 3,

    /// <summary>Categorical cross-entropy, computed from the logits of a <see cref="Activation.Softmax"/>
    /// output layer in the numerically stable fused form. Targets are one-hot (or probability) rows;
    /// mean over rows.</summary>
    CategoricalCrossEntropy = 4,
}
