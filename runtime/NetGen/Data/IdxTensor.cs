using System;
using System.Collections.Generic;

namespace NetGen.Data;

/// <summary>The element type of an IDX file, as its third magic byte gives it.</summary>
public enum IdxElementType
{
    /// <summary>Unsigned byte (<c>0x08</c>), as MNIST's images and labels.</summary>
    UnsignedByte = 0x08,

    /// <summary>Signed byte (<c>0x09</c>).</summary>
    SignedByte = 0x09,

    /// <summary>Big-endian 16-bit integer (<c>0x0B</c>).</summary>
    SignedInt16 = 0x0B,

    /// <summary>Big-endian 32-bit integer (<c>0x0C</c>).</summary>
    SignedInt32 = 0x0C,

    /// <summary>Big-endian 32-bit float (<c>0x0D</c>).</summary>
    SinglePrecision = 0x0D,

    /// <summary>Big-endian 64-bit float (double) (<c>0x0E</c>).</summary>
    DoublePrecision = 0x0E,
}

/// <summary>The content of an IDX file: its dimensions and its elements as floats, row-major.</summary>
/// <param name="ElementType">The element type stored in the file.</param>
/// <param name="Dimensions">The sizes of the dimensions, outermost first (for MNIST images: count, rows, columns).</param>
/// <param name="Values">Every element converted to float, row-major.</param>
public sealed record IdxTensor(IdxElementType ElementType, IReadOnlyList<int> Dimensions, float[] Values)
{
    /// <summary>The number of items along the first dimension (images or labels).</summary>
    public int Count => Dimensions[0];

    /// <summary>The number of elements per item: the product of every dimension but the first (1 for a vector).</summary>
    public int ItemSize => Count == 0 ? 0 : Values.Length / Count;

    /// <summary>The elements of item <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Item(int index) => Values.AsSpan(index * ItemSize, ItemSize);
}
