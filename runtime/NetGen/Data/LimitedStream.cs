using System;
using System.IO;

namespace NetGen.Data;

/// <summary>
/// A read-only stream over another that throws <see cref="InvalidDataException"/> with
/// <paramref name="problem"/> as soon as more than <paramref name="limit"/> bytes have come from it;
/// it reads at most one byte beyond the limit. It closes the other stream.
/// </summary>
internal sealed class LimitedStream(Stream inner, long limit, string problem) : ForwardReadStream
{
    private long _read;

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        int read = inner.Read(buffer[..(int)Math.Min(buffer.Length, limit + 1 - _read)]);
        _read += read;
        if (_read > limit)
        {
            throw new InvalidDataException(problem);
        }

        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
