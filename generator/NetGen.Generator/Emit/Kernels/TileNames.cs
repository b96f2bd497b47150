using System.Collections.Generic;
using System.Globalization;

namespace NetGen.Generator.Emit.Kernels;

/// <summary>Small text helpers shared by the kernel emitters: offsets and lists of declarations.</summary>
internal static class TileNames
{
    /// <summary><c>base + extra</c>, folded when <paramref name="baseExpression"/> is a number.</summary>
    public static string Offset(string baseExpression, long extra)
    {
        if (long.TryParse(baseExpression, NumberStyles.None, CultureInfo.InvariantCulture, out long number))
        {
            return (number + extra).ToString(CultureInfo.InvariantCulture);
        }

        return extra == 0 ? baseExpression : $"{baseExpression} + {extra.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary><c>(base + extra) * stride</c>, folded when the base is a number.</summary>
    public static string Scaled(string baseExpression, long extra, long stride)
    {
        if (long.TryParse(baseExpression, NumberStyles.None, CultureInfo.InvariantCulture, out long number))
        {
            return ((number + extra) * stride).ToString(CultureInfo.InvariantCulture);
        }

        string sum = extra == 0 ? baseExpression : $"({baseExpression} + {extra.ToString(CultureInfo.InvariantCulture)})";
        return stride == 1 ? sum : $"{sum} * {stride.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>One declaration line of several variables: <c>T a = x, b = y;</c>.</summary>
    public static string Declare(string type, IEnumerable<string> assignments) => $"{type} {string.Join(", ", assignments)};";

    /// <summary>A number as C# source.</summary>
    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The name of the accumulator for tile row <paramref name="row"/> and vector <paramref name="column"/>.</summary>
    public static string Accumulator(int row, int column) => $"a{row}_{column}";
}
