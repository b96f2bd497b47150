using System;
using System.Buffers.Binary;
using System.IO;
using NetGen.Serialization;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Deployment.Tests;

public sealed class CheckpointFuzzTests(ITestOutputHelper output)
{
    private const int Mutations = 12_000;

    /// <summary>
    /// Every corrupted checkpoint either loads correctly (it is a valid checkpoint, and the loaded
    /// network saves exactly those bytes back) or throws <see cref="InvalidDataException"/>, and a
    /// failed restore leaves the network untouched.
    /// </summary>
    [Fact]
    public void Corrupted_checkpoints_load_correctly_or_throw_InvalidDataException()
    {
        FuzzNet source = TestData.TrainedFuzzNet(seed: 7);
        byte[] original = TestData.SaveToBytes(source);
        FuzzNet target = TestData.TrainedFuzzNet(seed: 8);
        byte[] targetState = TestData.SaveToBytes(target);
        var mutator = new CheckpointMutator(original, seed: 2024);
        var outcomes = new int[CheckpointMutator.Kinds, 2];

        for (int i = 0; i < Mutations; i++)
        {
            int kind = i % CheckpointMutator.Kinds;
            byte[] corrupted = mutator.Mutate(kind);
            bool loaded = TryRestore(target, corrupted, i);
            outcomes[kind, loaded ? 1 : 0]++;
            bool unchanged = corrupted.Length >= original.Length && corrupted.AsSpan(0, original.Length).SequenceEqual(original);
            if (loaded && !unchanged && kind is 0 or 1 or 3)
            {
                Assert.Fail($"mutation {i} (kind {kind}) changed the checkpoint without repairing its CRC, yet it loaded");
            }

            byte[] now = TestData.SaveToBytes(target);
            if (loaded)
            {
                Assert.True(corrupted.AsSpan(0, original.Length).SequenceEqual(now), $"mutation {i} (kind {kind}) loaded but does not save back the same bytes");
                target.Restore(new MemoryStream(targetState));
            }
            else
            {
                Assert.True(targetState.AsSpan().SequenceEqual(now), $"mutation {i} (kind {kind}) failed but changed the network");
            }
        }

        string[] names = ["bit flips", "truncations", "extensions", "header rewrites", "header rewrites, CRC fixed", "values, CRC fixed", "descriptions, CRC fixed", "random bytes"];
        for (int kind = 0; kind < CheckpointMutator.Kinds; kind++)
        {
            output.WriteLine($"{names[kind],-28} loaded {outcomes[kind, 1],5}  rejected {outcomes[kind, 0],5}");
        }

        Assert.Equal(Mutations / CheckpointMutator.Kinds, outcomes[2, 1]); // trailing data is ignored
        Assert.Equal(0, outcomes[0, 1] + outcomes[1, 1]);
    }

    [Fact]
    public void A_header_that_claims_huge_sizes_throws_without_allocating_them()
    {
        byte[] original = TestData.SaveToBytes(TestData.TrainedFuzzNet(seed: 3));
        var network = new FuzzNet();
        foreach ((int offset, int value) in new[] { (24, int.MaxValue), (28, int.MaxValue), (32, int.MaxValue), (24, -1) })
        {
            byte[] bytes = (byte[])original.Clone();
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(offset), value);
            CheckpointMutator.FixCrc(bytes, bytes.Length);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Assert.Throws<InvalidDataException>(() => network.Restore(new MemoryStream(bytes)));
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < 64 * 1024, $"a header claiming {value} at offset {offset} allocated {allocated} bytes");
        }
    }

    [Fact]
    public void A_truncated_file_is_reported_as_truncated_with_its_length()
    {
        byte[] original = TestData.SaveToBytes(TestData.TrainedFuzzNet(seed: 3));
        var error = Assert.Throws<InvalidDataException>(() => FuzzNet.Load(new MemoryStream(original, 0, original.Length - 100)));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{original.Length - 100} bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LengthOf_gives_the_length_Save_writes()
    {
        Assert.Equal(TestData.SaveToBytes(new FuzzNet()).Length, Checkpoint.LengthOf(FuzzNet.Architecture));
        Assert.Equal(TestData.SaveToBytes(new OtherOptimizerNet()).Length, Checkpoint.LengthOf(OtherOptimizerNet.Architecture));
    }

    private static bool TryRestore(FuzzNet network, byte[] bytes, int mutation)
    {
        try
        {
            network.Restore(new MemoryStream(bytes));
            return true;
        }
        catch (InvalidDataException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message), $"mutation {mutation}: empty message");
            return false;
        }
    }
}
