using System;

#if NETGEN_GENERATOR
namespace NetGen.Generator.Vocabulary;
#else
namespace NetGen;
#endif

/// <summary>
/// A two-dimensional convolution with a square kernel: <c>(H, W, C)</c> becomes <c>(H', W', filters)</c>, PyTorch's
/// <c>nn.Conv2d</c> (weight <c>[filters, C, kernelSize, kernelSize]</c>). Along each axis
/// <c>H' = floor((H + pad - dilation * (kernelSize - 1) - 1) / stride) + 1</c>, where <c>pad</c> is 0 for
/// <see cref="Padding.Valid"/> and <c>dilation * (kernelSize - 1)</c> for <see cref="Padding.Same"/>. Weights are
/// initialised like Dense with <c>in = C * kernelSize * kernelSize</c> and <c>out = filters * kernelSize * kernelSize</c>.
/// </summary>
/// <param name="filters">The output channels; at least 1.</param>
/// <param name="kernelSize">The height and width of the kernel; at least 1.</param>
/// <param name="activation">The activation applied to the outputs.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv2DAttribute(int filters, int kernelSize, Activation activation = Activation.None) : Attribute
{
    /// <summary>The output channels.</summary>
    public int Filters { get; } = filters;

    /// <summary>The height and width of the kernel.</summary>
    public int KernelSize { get; } = kernelSize;

    /// <summary>The activation applied to the outputs.</summary>
    public Activation Activation { get; } = activation;

    /// <summary>The pixels between two applications of the kernel, along both axes; 1 by default.</summary>
    public int Stride { get; set; } = 1;

    /// <summary>The pixels between two taps of the kernel, along both axes; 1 by default (a dense kernel).</summary>
    public int Dilation { get; set; } = 1;

    /// <summary>How the image is padded: <see cref="Padding.Valid"/> (none, the default) or <see cref="Padding.Same"/> (stride 1
    /// only). <see cref="Padding.Causal"/> is for sequences (Conv1D) only.</summary>
    public Padding Padding { get; set; } = Padding.Valid;
}
