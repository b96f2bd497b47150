using System;
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
        byte[] magic = new byte[2];
        int got = buffered.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        Array.Resize(ref magic, got);
        Stream replay = new PrefixedStream(magic, buffered);
        return magic is [0x1F, 0x8B] ? new GZipStream(replay, CompressionMode.Decompress) : replay;
    }
}
