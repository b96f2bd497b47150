using System;

namespace NetGen.Serialization;

/// <summary>CRC-32 as in zlib, PNG and Ethernet (reflected polynomial 0xEDB88320), for checkpoint checksums.</summary>
public static class Crc32
{
    private static readonly uint[] Table = CreateTable();

    /// <summary>The CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues a CRC-32 over more data: <c>Append(Compute(a), b) == Compute(a + b)</c>.</summary>
    /// <param name="crc">The CRC of the data so far (0 for none).</param>
    /// <param name="data">The next bytes.</param>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint[] table = Table;
        uint value = ~crc;
        foreach (byte b in data)
        {
            value = table[(value ^ b) & 0xFF] ^ (value >> 8);
        }

        return ~value;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
