#if NETGEN_GENERATOR
namespace NetGen.Generator.Vocabulary;
#else
namespace NetGen;
#endif

/// <summary>
/// The loss a network minimises. Every loss is reduced by its mean, as PyTorch's
/// <c>reduction='mean'</c> does: over all elements for the element-wise losses, over rows (and
/// positions) for <see cref="CategoricalCrossEntropy"/> and <see cref="SparseCategoricalCrossEntropy"/>.
/// </summary>
/// <remarks>
/// The cross-entropies are computed from the output layer's logits in the numerically stable fused form. The
/// output layer either applies the matching activation (<see cref="Activation.Sigmoid"/> for
/// <see cref="BinaryCrossEntropy"/>, <see cref="Activation.Softmax"/> for the categorical ones), so that the
/// network's outputs are probabilities, or none (<see cref="Activation.None"/>), so that its outputs are logits
/// and the loss applies the sigmoid or softmax itself, exactly as PyTorch's <c>BCEWithLogitsLoss</c> and
/// <c>CrossEntropyLoss</c> do after a final <c>nn.Linear</c>. Values are stored in checkpoints: new losses are
/// appended.
/// </remarks>
public enum Loss
{
    /// <summary>Mean of <c>(y - t)^2</c> over all elements.</summary>
    MeanSquaredError = 0,

    /// <summary>Mean of <c>|y - t|</c> over all elements.</summary>
    MeanAbsoluteError = 1,

    /// <summary>Mean Huber loss with delta 1: <c>0.5 d^2</c> when <c>|d| &lt; 1</c>, <c>|d| - 0.5</c> otherwise.</summary>
    Huber = 2,

    /// <summary>Binary cross-entropy of an output layer with <see cref="Activation.Sigmoid"/> (outputs are
    /// probabilities) or <see cref="Activation.None"/> (outputs are logits, as with PyTorch's
    /// <c>BCEWithLogitsLoss</c>). Targets are in [0, 1]; mean over all elements.</summary>
    BinaryCrossEntropy = 3,

    /// <summary>Categorical cross-entropy of an output layer with <see cref="Activation.Softmax"/> (outputs are
    /// probabilities) or <see cref="Activation.None"/> (outputs are logits, as with PyTorch's
    /// <c>CrossEntropyLoss</c>), over at least 2 classes. Targets are one-hot (or probability) rows; mean over rows.</summary>
    CategoricalCrossEntropy = 4,

    /// <summary>Categorical cross-entropy with one target per row (per position, for an output of several
    /// positions): the index of the true class, 0 to K-1, as a float, as Keras's
    /// <c>sparse_categorical_crossentropy</c> and PyTorch's <c>CrossEntropyLoss</c> with class indices take it.
    /// The output layer uses <see cref="Activation.Softmax"/> or <see cref="Activation.None"/> (logits) over at least
    /// 2 classes; mean over rows. An index that is out of range or not whole throws <see cref="System.ArgumentException"/>
    /// naming the row.</summary>
    SparseCategoricalCrossEntropy = 5,
}
