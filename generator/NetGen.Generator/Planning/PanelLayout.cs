using System;

namespace NetGen.Generator.Planning;

/// <summary>
/// How a matrix of <see cref="Rows"/> rows is stored: <see cref="Full"/> panels of <see cref="Width"/> columns,
/// <see cref="Stride"/> floats apart, then a last one of <see cref="LastWidth"/> columns (0 when every panel is full).
/// Row k of a panel of width w starts k·w floats after the panel. A matrix that is not split is one full panel.
/// </summary>
/// <remarks>
/// An input-major weight matrix may be stored in panels: panel p holds columns [p w, p w + w) of every row, row after
/// row, so that a kernel walking down a block of w columns reads one contiguous stream instead of a short piece of
/// every row. The panels of one matrix start at offsets spread evenly over 4 KB, since a kernel reading the same rows
/// of every panel would otherwise find all of them in the same sets of the first-level cache.
/// </remarks>
/// <param name="Width">The columns of a full panel.</param>
/// <param name="Stride">Floats from one panel to the next.</param>
/// <param name="Full">The number of full panels.</param>
/// <param name="LastWidth">The columns of the narrower last panel, or 0.</param>
/// <param name="Rows">The rows of the matrix.</param>
internal readonly record struct PanelLayout(int Width, long Stride, int Full, int LastWidth, int Rows)
{
    /// <summary>A matrix of <paramref name="rows"/> rows of <paramref name="width"/> floats, not split.</summary>
    public static PanelLayout Single(int width, int rows = 1) => new(width, (long)width * rows, 1, 0, rows);

    /// <summary>The layout of a <paramref name="rows"/> x <paramref name="columns"/> matrix in panels of <paramref name="width"/>
    /// columns (one panel when <paramref name="width"/> is 0 or covers every column), each starting a spread share of 4 KB after
    /// the previous one.</summary>
    public static PanelLayout Plan(int rows, int columns, int width)
    {
        if (width <= 0 || width >= columns)
        {
            return Single(columns, rows);
        }

        int count = (columns + width - 1) / width;
        long panel = (long)width * rows;
        long spread = Math.Max(MemoryPlan.Alignment, MemoryPlan.PadLong(MemoryPlan.CacheSetSpan / count));
        long stride = panel + ((spread - (panel % MemoryPlan.CacheSetSpan) + MemoryPlan.CacheSetSpan) % MemoryPlan.CacheSetSpan);
        int last = columns - ((count - 1) * width);
        return last == width ? new PanelLayout(width, stride, count, 0, rows) : new PanelLayout(width, stride, count - 1, last, rows);
    }

    public bool IsSingle => Full == 1 && LastWidth == 0;

    /// <summary>The number of panels.</summary>
    public int Count => Full + (LastWidth > 0 ? 1 : 0);

    /// <summary>The widest panel (the first).</summary>
    public int WidestWidth => Full > 0 ? Width : LastWidth;

    /// <summary>The columns of the matrix.</summary>
    public int Columns => (Full * Width) + LastWidth;

    /// <summary>The floats the matrix takes, the spacing between panels included.</summary>
    public long Storage => LastWidth > 0
        ? (Full * Stride) + ((long)Rows * LastWidth)
        : ((Full - 1) * Stride) + ((long)Rows * Width);

    /// <summary>The offset of element (<paramref name="row"/>, <paramref name="column"/>) as C#, for loops over row <c>i</c> and column <c>o</c>
    /// (the parameter-order conversions): column o is in panel o / width, at o % width.</summary>
    public string Offset(string row, string column)
    {
        if (IsSingle)
        {
            return $"({row} * {Width}) + {column}";
        }

        string rowLength = LastWidth == 0 ? Width.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"({column} < {(long)Full * Width} ? {Width} : {LastWidth})";
        return $"(({column} / {Width}) * {Stride}) + ({row} * {rowLength}) + ({column} % {Width})";
    }
}
