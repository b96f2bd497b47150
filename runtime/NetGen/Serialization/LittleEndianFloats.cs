using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace NetGen.Serialization;

/// <summary>Floats as every NetGen file format stores them: IEEE 754 binary32, little-endian, one after the other.</summary>
internal static class LittleEndianFloats
{
    /// <summary>Writes <paramref name="values"/> to the start of <paramref name="destination"/>.</summary>
    /// <returns>The number of bytes written: 4 per value.</returns>
    public static int Write(ReadOnlySpan<float> values, Span<byte> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values).CopyTo(destination);
        }
        else
        {
            for (int i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(destination[(4 * i)..], values[i]);
            }
        }

        return 4 * values.Length;
    }

    /// <summary>Fills <paramref name="values"/> from the start of <paramref name="source"/>.</summary>
    /// <returns>The number of bytes read: 4 per value.</returns>
    public static int Read(ReadOnlySpan<byte> source, Span<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            source[..(4 * values.Length)].CopyTo(MemoryMarshal.AsBytes(values));
        }
        else
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(4 * i)..]);
            }
        }

        return 4 * values.Length;
    }
}
