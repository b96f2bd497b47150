using System;

#if NETGEN_GENERATOR
namespace NetGen.Generator.Vocabulary;
#else
namespace NetGen;
#endif

/// <summary>
/// The maximum of each channel over a square window of <paramref name="size"/> x <paramref name="size"/> pixels of an image: <c>(H, W, C)</c> becomes <c>(H', W', C)</c>,
/// PyTorch's <c>nn.MaxPool2d</c> (no padding, rounding down): <c>H' = floor((H - size) / stride) + 1, and W' likewise</c>. Gradients go to the first maximum of each window, in row-major order.
/// </summary>
/// <param name="size">The window's pixels along each axis; at least 1.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPool2DAttribute(int size) : Attribute
{
    /// <summary>The window's pixels along each axis.</summary>
    public int Size { get; } = size;

    /// <summary>The pixels between two windows along each axis; the window's size by default (windows side by side).</summary>
    public int Stride { get; set; } = size;
}
