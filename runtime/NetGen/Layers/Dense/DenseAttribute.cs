using System;

#if NETGEN_GENERATOR
namespace NetGen.Generator.Vocabulary;
#else
namespace NetGen;
#endif

/// <summary>
/// A fully connected layer: <c>y = activation(x W^T + b)</c> with <paramref name="units"/> outputs,
/// PyTorch's <c>nn.Linear</c>. It applies to the last axis of its input: a row of shape
/// <c>(F)</c> becomes <c>(units)</c>, and a shape <c>(..., F)</c> becomes <c>(..., units)</c> with the
/// same weights at every position (put a <c>[Flatten]</c> before it to see a whole row instead).
/// Its weights are initialised He-uniform for ReLU-like activations and Glorot-uniform otherwise.
/// </summary>
/// <param name="units">The number of outputs; at least 1.</param>
/// <param name="activation">The activation applied to the outputs.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute(int units, Activation activation = Activation.None) : Attribute
{
    /// <summary>The number of outputs.</summary>
    public int Units { get; } = units;

    /// <summary>The activation applied to the outputs.</summary>
    public Activation Activation { get; } = activation;
}
