using System.Globalization;
using System.Text;

namespace NetGen.Generator.Model;

/// <summary>The shape of one row of a tensor, channels last: <c>(784)</c>, <c>(28, 28, 1)</c>, <c>(128, 3)</c>.</summary>
/// <param name="Axes">The sizes of the axes, outermost first.</param>
internal sealed record Shape(EquatableArray<int> Axes)
{
    public Shape(params int[] axes)
        : this(new EquatableArray<int>(axes))
    {
    }

    public int Rank => Axes.Count;

    /// <summary>The last axis: the features or channels.</summary>
    public int Channels => Axes[Axes.Count - 1];

    /// <summary>The values of a row, in 64-bit so that an oversized declaration is reported rather than overflowing.</summary>
    public long Size
    {
        get
        {
            long size = 1;
            foreach (int axis in Axes)
            {
                size *= axis;
            }

            return size;
        }
    }

    /// <summary>The positions of a row: every axis but the last.</summary>
    public long Positions => Size / Channels;

    /// <summary>The same shape with the last axis replaced by <paramref name="channels"/>.</summary>
    public Shape WithChannels(int channels)
    {
        var axes = new int[Axes.Count];
        for (int i = 0; i < axes.Length; i++)
        {
            axes[i] = Axes[i];
        }

        axes[axes.Length - 1] = channels;
        return new Shape(axes);
    }

    /// <summary>As the documentation and the diagnostics write it: <c>(28, 28, 1)</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("(");
        for (int i = 0; i < Axes.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ").Append(Axes[i].ToString(CultureInfo.InvariantCulture));
        }

        return text.Append(')').ToString();
    }

    /// <summary>As C# writes it in an array initialiser: <c>28, 28, 1</c>.</summary>
    public string ToList() => string.Join(", ", Axes);
}
