using System.Collections.Concurrent;
using System.IO;

namespace Serving;

/// <summary>
/// Networks are not thread-safe, so each request borrows one. Instances are made from the
/// checkpoint read at start-up (verified once) and reused; at most one per concurrent request exists.
/// </summary>
public sealed class NetworkPool
{
    private readonly byte[] _checkpoint;
    private readonly ConcurrentBag<DigitsNet> _idle = [];

    /// <summary>Reads and verifies the checkpoint.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid checkpoint of <see cref="DigitsNet"/>.</exception>
    public NetworkPool(string modelPath)
    {
        _checkpoint = File.ReadAllBytes(modelPath);
        _idle.Add(DigitsNet.Load(new MemoryStream(_checkpoint, writable: false)));
    }

    /// <summary>An idle network, or a new one from the checkpoint.</summary>
    public DigitsNet Rent() => _idle.TryTake(out DigitsNet? network) ? network : DigitsNet.Load(new MemoryStream(_checkpoint, writable: false));

    /// <summary>Gives a network back for the next request.</summary>
    public void Return(DigitsNet network) => _idle.Add(network);
}
