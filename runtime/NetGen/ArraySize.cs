using System;
using System.Globalization;

namespace NetGen;

/// <summary>
/// Lengths of arrays that are products of other sizes, computed in 64 bits: a product that does not
/// fit one array is an <see cref="ArgumentException"/> naming the sizes, never an <c>int</c> that has
/// wrapped around to a small or negative length.
/// </summary>
internal static class ArraySize
{
    /// <summary><paramref name="rows"/> times <paramref name="width"/> elements, as the length of one array.</summary>
    /// <param name="rows">The first factor, such as a number of rows.</param>
    /// <param name="width">The second factor, such as values per row.</param>
    /// <param name="what">What the array holds, naming both factors, for example <c>"one-hot targets ({0} rows x {1} classes)"</c>.</param>
    /// <param name="parameterName">The argument that asked for it.</param>
    /// <exception cref="ArgumentException">The product exceeds <c>Array.MaxLength</c>.</exception>
    public static int Product(int rows, int width, string what, string parameterName)
    {
        long length = (long)rows * width;
        if (length > Array.MaxLength)
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, what, rows, width)
                + string.Create(CultureInfo.InvariantCulture, $" would take {length} elements, more than one array holds ({Array.MaxLength})."),
                parameterName);
        }

        return (int)length;
    }

    /// <summary>Checks that <paramref name="bytes"/> fit one byte array.</summary>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> exceeds <c>Array.MaxLength</c>; the message is <paramref name="what"/> and the sizes.</exception>
    public static int Bytes(long bytes, string what, string parameterName)
    {
        if (bytes > Array.MaxLength)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{what} takes {bytes} bytes, more than one array holds ({Array.MaxLength})."), parameterName);
        }

        return (int)bytes;
    }
}
