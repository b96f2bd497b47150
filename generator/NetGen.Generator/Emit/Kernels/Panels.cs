using System;
using System.Globalization;
using NetGen.Generator.Shapes;
using static NetGen.Generator.Emit.Kernels.TileNames;

namespace NetGen.Generator.Emit.Kernels;

/// <summary>
/// Where a kernel finds the columns of a matrix stored in panels (see <see cref="NetworkLayout"/>):
/// <see cref="Full"/> panels of <see cref="Width"/> columns, <see cref="Stride"/> floats apart, then
/// a last one of <see cref="LastWidth"/> columns (0 when every panel is full). Row k of a panel of
/// width w starts k·w floats after the panel. A matrix that is not split is one full panel.
/// </summary>
/// <param name="Width">The columns of a full panel.</param>
/// <param name="Stride">Floats from one panel to the next.</param>
/// <param name="Full">The number of full panels.</param>
/// <param name="LastWidth">The columns of the narrower last panel, or 0.</param>
internal readonly record struct Panels(int Width, long Stride, int Full, int LastWidth)
{
    /// <summary>A matrix of rows of <paramref name="width"/> floats, not split.</summary>
    public static Panels Single(int width) => new(width, 0, 1, 0);

    /// <summary>The panels of a Dense layer's weight matrix.</summary>
    public static Panels Of(DenseLayout dense) => dense.LastPanelWidth == dense.PanelWidth
        ? new Panels(dense.PanelWidth, dense.PanelStride, dense.PanelCount, 0)
        : new Panels(dense.PanelWidth, dense.PanelStride, dense.PanelCount - 1, dense.LastPanelWidth);

    public bool IsSingle => Full == 1 && LastWidth == 0;

    /// <summary>The widest panel (the first).</summary>
    public int WidestWidth => Full > 0 ? Width : LastWidth;

    /// <summary>
    /// Writes <paramref name="body"/> once for the full panels (in a loop when there are several) and once for the last one,
    /// with the panel's offset from the start of the matrix and its first column (both as expressions), and its width.
    /// </summary>
    /// <param name="code">The writer.</param>
    /// <param name="body">Writes the code of one panel.</param>
    public void Emit(CodeWriter code, Action<string, string, int> body)
    {
        if (Full == 1)
        {
            body("0", "0", Width);
        }
        else if (Full > 1)
        {
            code.Open($"for (nuint panel = 0; panel < {Full}; panel++)");
            code.Line($"nuint start = panel * {Text(Stride)}, column = panel * {Width};");
            body("start", "column", Width);
            code.Close();
        }

        if (LastWidth > 0)
        {
            code.Open($"// the last panel, {LastWidth} columns");
            body(Text(Full * Stride), Text((long)Full * Width), LastWidth);
            code.Close();
        }
    }

    /// <summary>A reference to the panel at <paramref name="start"/> of <paramref name="matrix"/>: the matrix itself for the first
    /// panel, else a new local named after it.</summary>
    public static string Reference(CodeWriter code, string matrix, string start)
    {
        if (start == "0")
        {
            return matrix;
        }

        code.Line($"ref float {matrix}p = ref Unsafe.Add(ref {matrix}, {start});");
        return matrix + "p";
    }

    /// <summary><c>a + b</c> for two offset expressions, folded when they are numbers or 0.</summary>
    public static string Add(string a, string b)
    {
        if (a == "0")
        {
            return b;
        }

        if (b == "0")
        {
            return a;
        }

        return IsNumber(a, out long left) && IsNumber(b, out long right) ? Text(left + right) : $"{a} + {b}";
    }

    private static bool IsNumber(string text, out long number) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number);
}
