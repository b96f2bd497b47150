using System;

#if NETGEN_GENERATOR
namespace NetGen.Generator.Vocabulary;
#else
namespace NetGen;
#endif

/// <summary>
/// A one-dimensional convolution over a sequence: <c>(L, C)</c> becomes <c>(L', filters)</c>, each output step
/// <c>activation(b + sum over k, c of x[t * stride + k * dilation - padding][c] * w[k][c])</c>, PyTorch's
/// <c>nn.Conv1d</c> (weight <c>[filters, C, kernelSize]</c>). <c>L' = floor((L + pad - dilation * (kernelSize - 1) - 1) / stride) + 1</c>,
/// where <c>pad</c> is 0 for <see cref="Padding.Valid"/> and <c>dilation * (kernelSize - 1)</c> for
/// <see cref="Padding.Same"/> and <see cref="Padding.Causal"/>. Weights are initialised like Dense with
/// <c>in = C * kernelSize</c> and <c>out = filters * kernelSize</c>.
/// </summary>
/// <param name="filters">The output channels; at least 1.</param>
/// <param name="kernelSize">The length of the kernel; at least 1.</param>
/// <param name="activation">The activation applied to the outputs.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv1DAttribute(int filters, int kernelSize, Activation activation = Activation.None) : Attribute
{
    /// <summary>The output channels.</summary>
    public int Filters { get; } = filters;

    /// <summary>The length of the kernel.</summary>
    public int KernelSize { get; } = kernelSize;

    /// <summary>The activation applied to the outputs.</summary>
    public Activation Activation { get; } = activation;

    /// <summary>The steps between two applications of the kernel; 1 by default.</summary>
    public int Stride { get; set; } = 1;

    /// <summary>The steps between two taps of the kernel; 1 by default (a dense kernel).</summary>
    public int Dilation { get; set; } = 1;

    /// <summary>How the sequence is padded: <see cref="Padding.Valid"/> (none, the default), <see cref="Padding.Same"/> (stride 1
    /// only) or <see cref="Padding.Causal"/> (zeros before the sequence only, so that step t sees steps up to t).</summary>
    public Padding Padding { get; set; } = Padding.Valid;
}
