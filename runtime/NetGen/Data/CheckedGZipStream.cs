using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using NetGen.Serialization;

namespace NetGen.Data;

/// <summary>
/// The decompressed content of gzip data (one member or several concatenated), which throws
/// <see cref="InvalidDataException"/> when the compressed data ends inside a member, a case
/// <see cref="GZipStream"/> reports as an ordinary end of stream.
/// </summary>
/// <remarks>
/// zlib checks each member's CRC-32 and length when it reaches the member's trailer, so the only
/// thing left to detect is input that ends before a trailer. After the last byte of the input, the
/// decompressor is given one more complete member of its own (<see cref="EndMember"/>) whose content
/// is <see cref="EndMarker"/>. When the input ended cleanly after a member, the decompressor reads
/// that member like any other and the content ends with the marker, which is removed. When the input
/// ended inside a member, the extra bytes continue the interrupted member instead: they fail its
/// deflate decoding or its CRC-32, or leave it still unfinished, and the marker never appears.
/// </remarks>
internal sealed class CheckedGZipStream : ForwardReadStream
{
    private static readonly byte[] EndMarker = "NetGen: end of gzip input."u8.ToArray();
    private static readonly byte[] EndMember = BuildEndMember();

    private readonly GZipStream _gzip;
    private readonly byte[] _buffer = new byte[(1 << 14) + EndMarker.Length];
    private int _start;
    private int _end;
    private bool _ended;

    /// <param name="compressed">The gzip data, starting with its magic bytes; read to its end, not closed.</param>
    public CheckedGZipStream(Stream compressed)
    {
        _gzip = new GZipStream(new ConcatenatedStream(compressed, new MemoryStream(EndMember, writable: false)), CompressionMode.Decompress);
    }

    /// <summary>The number of decompressed bytes returned so far.</summary>
    public long BytesRead { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        // The last EndMarker.Length bytes decompressed are held back until the end shows whether
        // they are the marker.
        while (_end - _start <= EndMarker.Length && !_ended)
        {
            Refill();
        }

        int count = Math.Min(buffer.Length, _end - _start - EndMarker.Length);
        if (count <= 0)
        {
            return 0;
        }

        _buffer.AsSpan(_start, count).CopyTo(buffer);
        _start += count;
        BytesRead += count;
        return count;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Refill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        int read;
        try
        {
            read = _gzip.Read(_buffer.AsSpan(_end));
        }
        catch (InvalidDataException exception)
        {
            throw new InvalidDataException(WithPlace("The gzip container is corrupt: the compressed data is damaged or truncated (a deflate block, a length or a CRC-32 check failed)"), exception);
        }

        _end += read;
        if (read > 0)
        {
            return;
        }

        _ended = true;
        if (_end - _start < EndMarker.Length || !_buffer.AsSpan(_end - EndMarker.Length, EndMarker.Length).SequenceEqual(EndMarker))
        {
            throw new InvalidDataException(WithPlace("The gzip container is corrupt: the compressed data ends inside a gzip member, so the file is truncated"));
        }
    }

    private string WithPlace(string problem) => FormattableString.Invariant($"{problem} (after {BytesRead + Math.Max(0, _end - _start - EndMarker.Length)} bytes of content).");

    /// <summary>A gzip member holding <see cref="EndMarker"/> in one stored (uncompressed) deflate block.</summary>
    private static byte[] BuildEndMember()
    {
        int length = EndMarker.Length;
        byte[] member = new byte[10 + 5 + length + 8];
        ReadOnlySpan<byte> header = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]; // deflate, no flags, no time, unknown OS
        header.CopyTo(member);
        member[10] = 1; // the final block, stored
        BinaryPrimitives.WriteUInt16LittleEndian(member.AsSpan(11), (ushort)length);
        BinaryPrimitives.WriteUInt16LittleEndian(member.AsSpan(13), (ushort)~length);
        EndMarker.CopyTo(member.AsSpan(15));
        BinaryPrimitives.WriteUInt32LittleEndian(member.AsSpan(15 + length), Crc32.Compute(EndMarker));
        BinaryPrimitives.WriteUInt32LittleEndian(member.AsSpan(19 + length), (uint)length);
        return member;
    }
}
