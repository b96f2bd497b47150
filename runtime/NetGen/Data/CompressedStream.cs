using System;
using System.IO;

namespace NetGen.Data;

/// <summary>Opens content that may be gzip-compressed, recognised by its magic bytes.</summary>
internal static class CompressedStream
{
    /// <summary>
    /// Returns a stream of the uncompressed content of <paramref name="stream"/>: a
    /// <see cref="CheckedGZipStream"/> over it when it starts with <c>1F 8B</c> (which throws
    /// <see cref="InvalidDataException"/> for damaged or truncated data), otherwise a stream that
    /// replays the bytes already looked at and then continues with <paramref name="stream"/>.
    /// Neither closes <paramref name="stream"/>.
    /// </summary>
    public static Stream OpenMaybeCompressed(Stream stream)
    {
        var buffered = new BufferedStream(stream, 1 << 16);
        byte[] magic = new byte[2];
        int got = buffered.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        Array.Resize(ref magic, got);
        Stream replay = new ConcatenatedStream(new MemoryStream(magic, writable: false), buffered);
        return magic is [0x1F, 0x8B] ? new CheckedGZipStream(replay) : replay;
    }
}
