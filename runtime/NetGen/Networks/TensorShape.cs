using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetGen;

/// <summary>
/// The shape of one row of a tensor, channels last as Keras writes it: <c>(784)</c> is a flat row,
/// <c>(28, 28, 1)</c> an image of height 28, width 28 and one channel, <c>(128, 3)</c> a sequence of
/// 128 steps of 3 features. The values of a row are stored in row-major order of the shape.
/// </summary>
public sealed class TensorShape : IEquatable<TensorShape>, IReadOnlyList<int>
{
    private readonly int[] _axes;

    /// <summary>A shape with the given axes.</summary>
    /// <param name="axes">The size of each axis, outermost first; at least one axis, each at least 1.</param>
    /// <exception cref="ArgumentException">There is no axis, an axis is below 1, or the product exceeds <see cref="int.MaxValue"/>.</exception>
    public TensorShape(params int[] axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        if (axes.Length == 0)
        {
            throw new ArgumentException("A shape needs at least one axis.", nameof(axes));
        }

        long size = 1;
        foreach (int axis in axes)
        {
            if (axis < 1)
            {
                throw new ArgumentException($"Every axis of a shape must be at least 1; {Format(axes)} has {axis}.", nameof(axes));
            }

            size *= axis;
            if (size > int.MaxValue)
            {
                throw new ArgumentException($"The shape {Format(axes)} holds more than {int.MaxValue} values.", nameof(axes));
            }
        }

        _axes = (int[])axes.Clone();
        Size = (int)size;
    }

    /// <summary>The number of values of a row: the product of the axes.</summary>
    public int Size { get; }

    /// <summary>The number of axes.</summary>
    public int Rank => _axes.Length;

    /// <summary>The last axis: the features or channels, which a Dense layer acts on.</summary>
    public int Channels => _axes[^1];

    /// <summary>The number of positions: the product of every axis but the last (1 for a flat row).</summary>
    public int Positions => Size / Channels;

    /// <inheritdoc/>
    public int Count => _axes.Length;

    /// <inheritdoc/>
    public int this[int index] => _axes[index];

    /// <summary>A copy of the axes.</summary>
    public int[] ToArray() => (int[])_axes.Clone();

    /// <inheritdoc/>
    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)_axes).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _axes.GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(TensorShape? other) => other is not null && _axes.AsSpan().SequenceEqual(other._axes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as TensorShape);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (int axis in _axes)
        {
            hash.Add(axis);
        }

        return hash.ToHashCode();
    }

    /// <summary>The shape as the documentation and the diagnostics write it: <c>(28, 28, 1)</c>.</summary>
    public override string ToString() => Format(_axes);

    /// <summary>The axes joined by <c>x</c>, as architecture descriptions write them: <c>28x28x1</c>.</summary>
    internal string ToCompactString() => string.Join("x", _axes);

    private static string Format(int[] axes)
    {
        var text = new StringBuilder("(");
        for (int i = 0; i < axes.Length; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ").Append(axes[i].ToString(CultureInfo.InvariantCulture));
        }

        return text.Append(')').ToString();
    }
}
