using System;

#if NETGEN_GENERATOR
namespace NetGen.Generator.Vocabulary;
#else
namespace NetGen;
#endif

/// <summary>
/// The mean of each channel over a square window of <paramref name="size"/> x <paramref name="size"/> pixels of an image: <c>(H, W, C)</c> becomes <c>(H', W', C)</c>,
/// PyTorch's <c>nn.AvgPool2d</c> (no padding, rounding down): <c>H' = floor((H - size) / stride) + 1, and W' likewise</c>.
/// </summary>
/// <param name="size">The window's pixels along each axis; at least 1.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AvgPool2DAttribute(int size) : Attribute
{
    /// <summary>The window's pixels along each axis.</summary>
    public int Size { get; } = size;

    /// <summary>The pixels between two windows along each axis; the window's size by default (windows side by side).</summary>
    public int Stride { get; set; } = size;
}
