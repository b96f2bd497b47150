using System.IO;
using System.IO.Compression;

namespace NetGen.Data;

/// <summary>Opens content that may be gzip-compressed, recognised by its magic bytes.</summary>
internal static class CompressedStream
{
    /// <summary>
    /// Returns a stream of the uncompressed content of <paramref name="stream"/>: a
    /// <see cref="GZipStream"/> over it when it starts with <c>1F 8B</c>, otherwise a stream that
    /// replays the bytes already looked at and then continues with <paramref name="stream"/>.
    /// </summary>
    public static Stream OpenMaybeCompressed(Stream stream)
    {
        var buffered = new BufferedStream(stream, 1 << 16);
        int first = buffered.ReadByte();
        int second = first < 0 ? -1 : buffered.ReadByte();
        var prefix = new byte[first < 0 ? 0 : second < 0 ? 1 : 2];
        if (prefix.Length > 0)
        {
            prefix[0] = (byte)first;
        }

        if (prefix.Length > 1)
        {
            prefix[1] = (byte)second;
        }

        Stream replay = new PrefixedStream(prefix, buffered);
        return first == 0x1F && second == 0x8B ? new GZipStream(replay, CompressionMode.Decompress) : replay;
    }
}
