using System.IO;
using NetGen.Tests.Networks;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Save and Load keep parameters, optimizer state, step, hyperparameters and the dropout
/// generator, so that training resumed from a checkpoint follows exactly the path it would have
/// taken without the round trip.
/// </summary>
public class CheckpointRoundTripTests
{
    public static TheoryData<string> Networks => NetworkCatalog.Names;

    [Fact]
    public void A_loaded_network_has_the_saved_parameters_step_and_hyperparameters()
    {
        var network = new SmallDropoutAdamNet(seed: 1) { LearningRate = 0.02f, L2 = 0.001f, ClipNorm = 3f };
        Train(network, steps: 3, seed: 1);
        byte[] saved = Save(network);
        SmallDropoutAdamNet loaded = SmallDropoutAdamNet.Load(new MemoryStream(saved));
        NumericAssert.BitwiseEqual(TestData.Parameters(network), TestData.Parameters(loaded), "parameters");
        Assert.Equal(network.Step, loaded.Step);
        Assert.Equal(network.Hyperparameters, loaded.Hyperparameters);
        Assert.Equal(saved, Save(loaded));
    }

    [Fact]
    public void Load_leaves_the_stream_just_after_the_checkpoint()
    {
        var network = new SmallDropoutAdamNet(seed: 2);
        using var stream = new MemoryStream();
        network.Save(stream);
        long end = stream.Position;
        stream.WriteByte(0x5A);
        stream.Position = 0;
        SmallDropoutAdamNet.Load(stream);
        Assert.Equal(end, stream.Position);
        Assert.Equal(0x5A, stream.ReadByte());
    }

    [Fact]
    public void Training_resumed_after_a_round_trip_with_Adam_and_dropout_is_bitwise_identical()
    {
        var uninterrupted = new MnistShapedNet(seed: 3);
        var interrupted = new MnistShapedNet(seed: 3);
        Train(uninterrupted, steps: 4, seed: 10);
        Train(interrupted, steps: 4, seed: 10);
        MnistShapedNet resumed = MnistShapedNet.Load(new MemoryStream(Save(interrupted)));
        float[] a = Train(uninterrupted, steps: 3, seed: 20);
        float[] b = Train(resumed, steps: 3, seed: 20);
        Assert.Equal(a, b);
        Assert.Equal(Save(uninterrupted), Save(resumed));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Training_resumed_after_a_round_trip_is_bitwise_identical(string name)
    {
        INetwork uninterrupted = NetworkCatalog.Create(name, 4);
        INetwork interrupted = NetworkCatalog.Create(name, 4);
        Train(uninterrupted, steps: 3, seed: 30);
        Train(interrupted, steps: 3, seed: 30);

        // Restore into a network in a different state: a different seed, trained differently.
        INetwork resumed = NetworkCatalog.Create(name, 99);
        Train(resumed, steps: 2, seed: 31);
        resumed.Restore(new MemoryStream(Save(interrupted)));
        Assert.Equal(Train(uninterrupted, steps: 3, seed: 40), Train(resumed, steps: 3, seed: 40));
        Assert.Equal(Save(uninterrupted), Save(resumed));
    }

    [Fact]
    public void Hyperparameters_changed_before_saving_are_restored()
    {
        var network = new SmallDropoutAdamNet(seed: 5) { Beta1 = 0.5f, Beta2 = 0.75f, Epsilon = 0.001f, WeightDecay = 0.25f, L1 = 0.125f };
        SmallDropoutAdamNet loaded = SmallDropoutAdamNet.Load(new MemoryStream(Save(network)));
        Assert.Equal(network.Hyperparameters, loaded.Hyperparameters);
    }

    [Fact]
    public void A_checkpoint_of_NaN_parameters_is_refused_and_nothing_is_written()
    {
        // Training can no longer produce them (a step with a non-finite loss or gradient is refused), but the writer
        // still refuses values no reader would accept.
        float[] parameters = TestData.Parameters(new SgdNeuron(seed: 1));
        parameters[1] = float.NaN;
        var random = new uint[NetGen.DeterministicRandom.StateWords];
        new NetGen.DeterministicRandom(1).ExportState(random);
        using var stream = new MemoryStream();
        var error = Assert.Throws<System.InvalidOperationException>(() => NetGen.Serialization.Checkpoint.Write(
            stream, SgdNeuron.Architecture, new SgdNeuron().Hyperparameters, 0, random, parameters, []));
        Assert.Contains("NaN", error.Message, System.StringComparison.Ordinal);
        Assert.Equal(0, stream.Length);
    }

    private static float[] Train(INetwork network, int steps, int seed)
    {
        var losses = new float[steps];
        for (int step = 0; step < steps; step++)
        {
            int rows = 1 + ((seed + step) % network.BatchSize);
            losses[step] = network.TrainStep(TestData.Inputs(network, rows, seed + step), TestData.Targets(network, rows, seed + 1000 + step));
        }

        return losses;
    }

    private static byte[] Save(INetwork network)
    {
        using var stream = new MemoryStream();
        network.Save(stream);
        return stream.ToArray();
    }
}
