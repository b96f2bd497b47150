using System;
using System.IO;
using Xunit;

namespace NetGen.Tests.Support;

/// <summary>
/// Everything observable about a network's state: its checkpoint (hyperparameters, step,
/// parameters, optimizer state, dropout generator), its exported gradient and its accumulated
/// rows. Two equal snapshots mean nothing changed.
/// </summary>
internal sealed class NetworkSnapshot
{
    private NetworkSnapshot(byte[] checkpoint, float[] gradients, long step, long accumulatedRows)
    {
        Checkpoint = checkpoint;
        Gradients = gradients;
        Step = step;
        AccumulatedRows = accumulatedRows;
    }

    public byte[] Checkpoint { get; }

    public float[] Gradients { get; }

    public long Step { get; }

    public long AccumulatedRows { get; }

    public static NetworkSnapshot Capture(INetwork network)
    {
        using var stream = new MemoryStream();
        network.Save(stream);
        return new NetworkSnapshot(stream.ToArray(), TestData.Gradients(network), network.Step, network.AccumulatedRows);
    }

    /// <summary>Fails unless <paramref name="network"/> is in exactly the state captured.</summary>
    public void AssertUnchanged(INetwork network, string context)
    {
        NetworkSnapshot now = Capture(network);
        Assert.True(now.Step == Step, $"{context}: Step changed from {Step} to {now.Step}.");
        Assert.True(now.AccumulatedRows == AccumulatedRows, $"{context}: AccumulatedRows changed from {AccumulatedRows} to {now.AccumulatedRows}.");
        NumericAssert.BitwiseEqual(Gradients, now.Gradients, $"{context}: exported gradient");
        NumericAssert.BitwiseEqual(CapturedParameters(network.Architecture), TestData.Parameters(network), $"{context}: parameters");
        Assert.True(now.Checkpoint.AsSpan().SequenceEqual(Checkpoint), $"{context}: the checkpoint (parameters, optimizer state, step, hyperparameters or dropout generator) changed.");
    }

    /// <summary>The parameters as captured, read back from the captured checkpoint.</summary>
    private float[] CapturedParameters(NetworkArchitecture architecture)
    {
        using var stream = new MemoryStream(Checkpoint);
        return NetGen.Serialization.Checkpoint.Read(stream, architecture).Parameters;
    }
}
