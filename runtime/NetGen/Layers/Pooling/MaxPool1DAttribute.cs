using System;

#if NETGEN_GENERATOR
namespace NetGen.Generator.Vocabulary;
#else
namespace NetGen;
#endif

/// <summary>
/// The maximum of each channel over a window of <paramref name="size"/> steps of a sequence: <c>(L, C)</c> becomes <c>(L', C)</c>,
/// PyTorch's <c>nn.MaxPool1d</c> (no padding, rounding down): <c>L' = floor((L - size) / stride) + 1</c>. Gradients go to the first maximum of each window.
/// </summary>
/// <param name="size">The window's steps along each axis; at least 1.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPool1DAttribute(int size) : Attribute
{
    /// <summary>The window's steps along each axis.</summary>
    public int Size { get; } = size;

    /// <summary>The steps between two windows along each axis; the window's size by default (windows side by side).</summary>
    public int Stride { get; set; } = size;
}
