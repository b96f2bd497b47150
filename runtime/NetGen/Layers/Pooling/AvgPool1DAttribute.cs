using System;

#if NETGEN_GENERATOR
namespace NetGen.Generator.Vocabulary;
#else
namespace NetGen;
#endif

/// <summary>
/// The mean of each channel over a window of <paramref name="size"/> steps of a sequence: <c>(L, C)</c> becomes <c>(L', C)</c>,
/// PyTorch's <c>nn.AvgPool1d</c> (no padding, rounding down): <c>L' = floor((L - size) / stride) + 1</c>.
/// </summary>
/// <param name="size">The window's steps along each axis; at least 1.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AvgPool1DAttribute(int size) : Attribute
{
    /// <summary>The window's steps along each axis.</summary>
    public int Size { get; } = size;

    /// <summary>The steps between two windows along each axis; the window's size by default (windows side by side).</summary>
    public int Stride { get; set; } = size;
}
