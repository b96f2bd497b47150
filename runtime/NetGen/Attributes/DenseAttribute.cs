using System;

namespace NetGen;

/// <summary>
/// A fully connected layer: <c>y = activation(x W^T + b)</c> with <paramref name="units"/> outputs.
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
