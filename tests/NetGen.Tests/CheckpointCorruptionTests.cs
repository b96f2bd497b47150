using System;
using System.Buffers.Binary;
using System.IO;
using NetGen.Serialization;
using NetGen.Tests.Networks;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Every bad stream is refused with InvalidDataException and a reason: empty, truncated at every
/// length, a corrupted byte at every offset, another architecture, a newer format. Restore then
/// leaves the network exactly as it was, and Load never returns a network.
/// </summary>
public class CheckpointCorruptionTests
{
    private static readonly string[] s_reasons = ["corrupted", "truncated", "another architecture", "newer", "not a NetGen checkpoint", "empty", "invalid"];

    [Fact]
    public void An_empty_stream_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => SmallDropoutAdamNet.Load(new MemoryStream()));
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
        AssertRestoreRefused([], "an empty stream");
    }

    [Fact]
    public void A_checkpoint_truncated_at_every_length_is_refused_as_truncated()
    {
        byte[] checkpoint = TrainedCheckpoint();
        SmallDropoutAdamNet target = Trained(seed: 7);
        NetworkSnapshot before = NetworkSnapshot.Capture(target);
        for (int length = 1; length < checkpoint.Length; length++)
        {
            var error = Assert.Throws<InvalidDataException>(() => SmallDropoutAdamNet.Load(new MemoryStream(checkpoint, 0, length)));
            Assert.True(error.Message.Contains("truncated", StringComparison.Ordinal), $"truncated to {length} of {checkpoint.Length} bytes: {error.Message}");
            Assert.Throws<InvalidDataException>(() => target.Restore(new MemoryStream(checkpoint, 0, length)));
        }

        before.AssertUnchanged(target, "Restore of truncated checkpoints");
    }

    [Fact]
    public void A_corrupted_byte_at_every_offset_is_refused_with_a_reason()
    {
        byte[] checkpoint = TrainedCheckpoint();
        SmallDropoutAdamNet target = Trained(seed: 8);
        NetworkSnapshot before = NetworkSnapshot.Capture(target);
        foreach (byte flip in new byte[] { 0x01, 0x80, 0xFF })
        {
            for (int offset = 0; offset < checkpoint.Length; offset++)
            {
                byte[] corrupted = (byte[])checkpoint.Clone();
                corrupted[offset] ^= flip;
                var error = Assert.Throws<InvalidDataException>(() => SmallDropoutAdamNet.Load(new MemoryStream(corrupted)));
                Assert.True(HasReason(error.Message), $"byte {offset} xor 0x{flip:X2}: the message gives no reason: {error.Message}");
                Assert.Throws<InvalidDataException>(() => target.Restore(new MemoryStream(corrupted)));
            }
        }

        before.AssertUnchanged(target, "Restore of corrupted checkpoints");
    }

    [Fact]
    public void A_checkpoint_of_another_architecture_is_refused()
    {
        var other = new HiddenDropoutProbe(seed: 1);
        using var stream = new MemoryStream();
        other.Save(stream);
        var error = Assert.Throws<InvalidDataException>(() => SmallDropoutAdamNet.Load(new MemoryStream(stream.ToArray())));
        Assert.Contains("another architecture", error.Message, StringComparison.Ordinal);
        AssertRestoreRefused(stream.ToArray(), "another architecture");
    }

    [Fact]
    public void A_checkpoint_of_the_same_layers_with_another_optimizer_is_refused()
    {
        // SgdNeuron and AdamNeuron differ only in the update rule and its state.
        using var stream = new MemoryStream();
        new SgdNeuron(seed: 1).Save(stream);
        var error = Assert.Throws<InvalidDataException>(() => AdamNeuron.Load(new MemoryStream(stream.ToArray())));
        Assert.Contains("another architecture", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_of_a_newer_format_is_refused_even_with_a_valid_checksum()
    {
        byte[] checkpoint = TrainedCheckpoint();
        BinaryPrimitives.WriteUInt32LittleEndian(checkpoint.AsSpan(8), Checkpoint.FormatVersion + 1);
        BinaryPrimitives.WriteUInt32LittleEndian(checkpoint.AsSpan(checkpoint.Length - 4), Crc32.Compute(checkpoint.AsSpan(0, checkpoint.Length - 4)));
        var error = Assert.Throws<InvalidDataException>(() => SmallDropoutAdamNet.Load(new MemoryStream(checkpoint)));
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
        AssertRestoreRefused(checkpoint, "a newer format");
    }

    [Fact]
    public void A_stream_that_is_not_a_checkpoint_is_refused()
    {
        byte[] text = "hello, this is not a checkpoint at all, just some text"u8.ToArray();
        var error = Assert.Throws<InvalidDataException>(() => SmallDropoutAdamNet.Load(new MemoryStream(text)));
        Assert.Contains("not a NetGen checkpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_with_a_valid_checksum_but_a_NaN_parameter_is_refused()
    {
        byte[] checkpoint = TrainedCheckpoint();

        // The last float before the checksum is optimizer state; the first parameter follows the header, description and scalars.
        int firstParameter = checkpoint.Length - 4 - (4 * SmallDropoutAdamNet.ParameterCount * 3);
        BinaryPrimitives.WriteSingleLittleEndian(checkpoint.AsSpan(firstParameter), float.NaN);
        BinaryPrimitives.WriteUInt32LittleEndian(checkpoint.AsSpan(checkpoint.Length - 4), Crc32.Compute(checkpoint.AsSpan(0, checkpoint.Length - 4)));
        var error = Assert.Throws<InvalidDataException>(() => SmallDropoutAdamNet.Load(new MemoryStream(checkpoint)));
        Assert.Contains("NaN", error.Message, StringComparison.Ordinal);
        AssertRestoreRefused(checkpoint, "a NaN parameter");
    }

    private static bool HasReason(string message)
    {
        foreach (string reason in s_reasons)
        {
            if (message.Contains(reason, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void AssertRestoreRefused(byte[] stream, string what)
    {
        SmallDropoutAdamNet target = Trained(seed: 9);
        NetworkSnapshot before = NetworkSnapshot.Capture(target);
        Assert.Throws<InvalidDataException>(() => target.Restore(new MemoryStream(stream)));
        before.AssertUnchanged(target, $"Restore of {what}");
    }

    private static SmallDropoutAdamNet Trained(int seed)
    {
        var network = new SmallDropoutAdamNet(seed);
        float[] inputs = TestData.Inputs(network, 4, seed);
        float[] targets = TestData.Targets(network, 4, seed + 1);
        network.TrainStep(inputs, targets);
        network.TrainStep(inputs, targets);
        network.ComputeGradients(inputs, targets);
        return network;
    }

    private static byte[] TrainedCheckpoint()
    {
        using var stream = new MemoryStream();
        Trained(seed: 6).Save(stream);
        return stream.ToArray();
    }
}
