using System;
using System.IO;

namespace NetGen.Serialization;

/// <summary>Reads that tolerate streams returning fewer bytes than asked for.</summary>
internal static class StreamReading
{
    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends.</summary>
    /// <returns>The number of bytes read.</returns>
    public static int ReadUpTo(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = stream.Read(buffer[total..]);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
