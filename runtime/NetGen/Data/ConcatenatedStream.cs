using System;
using System.IO;

namespace NetGen.Data;

/// <summary>A read-only, forward-only stream of one stream's bytes followed by another's; it closes neither.</summary>
internal sealed class ConcatenatedStream(Stream first, Stream second) : ForwardReadStream
{
    private bool _firstEnded;

    public override int Read(Span<byte> buffer)
    {
        if (!_firstEnded && !buffer.IsEmpty)
        {
            int read = first.Read(buffer);
            if (read > 0)
            {
                return read;
            }

            _firstEnded = true;
        }

        return second.Read(buffer);
    }
}
