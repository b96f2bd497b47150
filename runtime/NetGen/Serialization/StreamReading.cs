using System;
using System.IO;

namespace NetGen.Serialization;

/// <summary>Reads of a length announced by the data itself, which a corrupt or hostile stream may overstate.</summary>
internal static class StreamReading
{
    private const int FirstChunk = 1 << 16;

    /// <summary>
    /// Reads <paramref name="length"/> bytes, or fewer when the stream ends first. The buffer grows
    /// with the bytes that actually arrive, so a false length allocates little for a short stream.
    /// </summary>
    /// <returns>The bytes read: <paramref name="length"/> of them unless the stream ended early.</returns>
    public static byte[] ReadUpTo(Stream stream, int length)
    {
        byte[] buffer = new byte[Math.Min(length, FirstChunk)];
        int filled = 0;
        while (filled < length)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(length, buffer.Length * 2L));
            }

            int read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                Array.Resize(ref buffer, filled);
                break;
            }

            filled += read;
        }

        return buffer;
    }
}
