using System;

#if NETGEN_GENERATOR
namespace NetGen.Generator.Vocabulary;
#else
namespace NetGen;
#endif

/// <summary>
/// A skip connection: adds the tensor that entered the previous <paramref name="layers"/> layers to the output of the
/// layer just before, then applies <paramref name="activation"/>: at position j, <c>activation(t_j + t_(j - layers))</c>,
/// the PyTorch twin's <c>x + block(x)</c>. The block must give the shape it receives. In the backward pass the gradient
/// flows both through the block and straight to its input, which is what lets deep networks train.
/// </summary>
/// <param name="layers">How many layers back the added tensor entered: 1 to the number of layers before this one.</param>
/// <param name="activation">The activation applied to the sum.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ResidualAttribute(int layers, Activation activation = Activation.None) : Attribute
{
    /// <summary>How many layers back the added tensor entered.</summary>
    public int Layers { get; } = layers;

    /// <summary>The activation applied to the sum.</summary>
    public Activation Activation { get; } = activation;
}
