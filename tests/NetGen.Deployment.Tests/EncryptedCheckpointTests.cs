using System;
using System.Buffers.Binary;
using System.IO;
using NetGen.Serialization;
using Xunit;

namespace NetGen.Deployment.Tests;

public sealed class EncryptedCheckpointTests
{
    private static readonly byte[] Key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    [Theory]
    [InlineData(16)]
    [InlineData(24)]
    [InlineData(32)]
    public void An_encrypted_checkpoint_round_trips_with_every_AES_key_size(int keyBytes)
    {
        FuzzNet network = TestData.TrainedFuzzNet(seed: 4);
        byte[] key = Key.AsSpan(0, keyBytes).ToArray();
        byte[] container = Encrypt(network, key);

        FuzzNet loaded = EncryptedCheckpoint.Load<FuzzNet>(new MemoryStream(container), key);
        Assert.Equal(TestData.SaveToBytes(network), TestData.SaveToBytes(loaded));
        Assert.Equal(EncryptedCheckpoint.HeaderBytes + Checkpoint.LengthOf(FuzzNet.Architecture) + EncryptedCheckpoint.TagBytes, container.Length);
    }

    [Fact]
    public void The_ciphertext_hides_the_checkpoint_and_every_save_uses_a_fresh_nonce()
    {
        FuzzNet network = TestData.TrainedFuzzNet(seed: 4);
        byte[] plain = TestData.SaveToBytes(network);
        byte[] first = Encrypt(network, Key);
        byte[] second = Encrypt(network, Key);

        Assert.False(first.AsSpan(24, EncryptedCheckpoint.NonceBytes).SequenceEqual(second.AsSpan(24, EncryptedCheckpoint.NonceBytes)));
        Assert.False(first.AsSpan(EncryptedCheckpoint.HeaderBytes).SequenceEqual(second.AsSpan(EncryptedCheckpoint.HeaderBytes)));
        Assert.Equal(-1, first.AsSpan().IndexOf("netgen-architecture"u8));
        Assert.Equal(-1, first.AsSpan().IndexOf(plain.AsSpan(200, 16)));
    }

    [Fact]
    public void A_wrong_key_is_rejected_and_the_network_is_unchanged()
    {
        byte[] container = Encrypt(TestData.TrainedFuzzNet(seed: 4), Key);
        byte[] wrongKey = (byte[])Key.Clone();
        wrongKey[31] ^= 1;
        FuzzNet network = TestData.TrainedFuzzNet(seed: 9);
        byte[] before = TestData.SaveToBytes(network);

        var error = Assert.Throws<InvalidDataException>(() => EncryptedCheckpoint.Restore(network, new MemoryStream(container), wrongKey));
        Assert.Contains("key is wrong", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, TestData.SaveToBytes(network));
    }

    /// <summary>Every byte of the container, header included, is covered: changing any one of them is rejected.</summary>
    [Fact]
    public void Changing_any_single_byte_is_rejected()
    {
        byte[] container = Encrypt(TestData.TrainedFuzzNet(seed: 4), Key);
        FuzzNet network = TestData.TrainedFuzzNet(seed: 9);
        byte[] before = TestData.SaveToBytes(network);
        for (int i = 0; i < container.Length; i++)
        {
            foreach (byte mask in new byte[] { 0x01, 0x80, 0xFF })
            {
                byte[] tampered = (byte[])container.Clone();
                tampered[i] ^= mask;
                Assert.Throws<InvalidDataException>(() => EncryptedCheckpoint.Restore(network, new MemoryStream(tampered), Key));
            }
        }

        for (int length = 0; length < container.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => EncryptedCheckpoint.Restore(network, new MemoryStream(container, 0, length), Key));
        }

        Assert.Equal(before, TestData.SaveToBytes(network));
    }

    [Fact]
    public void A_header_that_claims_two_to_the_forty_bytes_throws_without_allocating_them()
    {
        byte[] container = Encrypt(TestData.TrainedFuzzNet(seed: 4), Key);
        BinaryPrimitives.WriteInt64LittleEndian(container.AsSpan(36), 1L << 40);
        var network = new FuzzNet();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => EncryptedCheckpoint.Restore(network, new MemoryStream(container), Key));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("1099511627776", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Mixing_up_plain_and_encrypted_checkpoints_gives_a_clear_message()
    {
        FuzzNet network = TestData.TrainedFuzzNet(seed: 4);
        var plainAsEncrypted = Assert.Throws<InvalidDataException>(
            () => EncryptedCheckpoint.Restore(network, new MemoryStream(TestData.SaveToBytes(network)), Key));
        Assert.Contains("unencrypted", plainAsEncrypted.Message, StringComparison.Ordinal);

        var encryptedAsPlain = Assert.Throws<InvalidDataException>(() => FuzzNet.Load(new MemoryStream(Encrypt(network, Key))));
        Assert.Contains("not a NetGen checkpoint", encryptedAsPlain.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_of_another_architecture_is_named_as_such()
    {
        byte[] container = Encrypt(new OtherOptimizerNet(1), Key);
        var error = Assert.Throws<InvalidDataException>(() => EncryptedCheckpoint.Load<FuzzNet>(new MemoryStream(container), Key));
        Assert.Contains("another architecture", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_of_the_wrong_length_is_an_argument_error()
    {
        var error = Assert.Throws<ArgumentException>(() => EncryptedCheckpoint.Save(new FuzzNet(), new MemoryStream(), new byte[20]));
        Assert.Contains("20", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encrypted_files_are_saved_atomically_and_load_with_the_key()
    {
        string folder = Directory.CreateTempSubdirectory("netgen-encrypted-").FullName;
        try
        {
            string path = Path.Combine(folder, "model.ngce");
            FuzzNet network = TestData.TrainedFuzzNet(seed: 6);
            network.SaveFile(path, Key);
            Assert.Equal(TestData.SaveToBytes(network), TestData.SaveToBytes(NetworkFile.LoadFile<FuzzNet>(path, Key)));
            var restored = new FuzzNet();
            restored.RestoreFile(path, Key);
            Assert.Equal(TestData.SaveToBytes(network), TestData.SaveToBytes(restored));
            Assert.Throws<InvalidDataException>(() => NetworkFile.LoadFile<FuzzNet>(path));
            Assert.Single(Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static byte[] Encrypt(INetwork network, byte[] key)
    {
        using var stream = new MemoryStream();
        EncryptedCheckpoint.Save(network, stream, key);
        return stream.ToArray();
    }
}
