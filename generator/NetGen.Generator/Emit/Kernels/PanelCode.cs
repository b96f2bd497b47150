using System;
using System.Globalization;
using NetGen.Generator.Planning;
using static NetGen.Generator.Emit.Kernels.TileNames;

namespace NetGen.Generator.Emit.Kernels;

/// <summary>Code over a matrix stored in panels (<see cref="PanelLayout"/>): the loop over its panels and the offsets within them.</summary>
internal static class PanelCode
{
    /// <summary>
    /// Writes <paramref name="body"/> once for the full panels (in a loop when there are several) and once for the last one,
    /// with the panel's offset from the start of the matrix and its first column (both as expressions), and its width.
    /// </summary>
    /// <param name="panels">The layout.</param>
    /// <param name="code">The writer.</param>
    /// <param name="body">Writes the code of one panel.</param>
    public static void Emit(this PanelLayout panels, CodeWriter code, Action<string, string, int> body)
    {
        if (panels.Full == 1)
        {
            body("0", "0", panels.Width);
        }
        else if (panels.Full > 1)
        {
            code.Open($"for (nuint panel = 0; panel < {panels.Full}; panel++)");
            code.Line($"nuint start = panel * {Text(panels.Stride)}, column = panel * {panels.Width};");
            body("start", "column", panels.Width);
            code.Close();
        }

        if (panels.LastWidth > 0)
        {
            code.Open($"// the last panel, {panels.LastWidth} columns");
            body(Text(panels.Full * panels.Stride), Text((long)panels.Full * panels.Width), panels.LastWidth);
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
