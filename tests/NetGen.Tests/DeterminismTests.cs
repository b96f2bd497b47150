using System.IO;
using NetGen.Tests.Networks;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests;

/// <summary>The same seed gives bitwise-identical parameters and training runs; another seed gives others.</summary>
public class DeterminismTests
{
    public static TheoryData<string> Networks => NetworkCatalog.Names;

    [Theory]
    [MemberData(nameof(Networks))]
    public void The_same_seed_gives_bitwise_identical_parameters(string name)
        => NumericAssert.BitwiseEqual(TestData.Parameters(NetworkCatalog.Create(name, 42)), TestData.Parameters(NetworkCatalog.Create(name, 42)), name);

    [Theory]
    [MemberData(nameof(Networks))]
    public void Another_seed_gives_other_parameters(string name)
    {
        float[] a = TestData.Parameters(NetworkCatalog.Create(name, 42));
        float[] b = TestData.Parameters(NetworkCatalog.Create(name, 43));
        int equal = 0;
        for (int i = 0; i < a.Length; i++)
        {
            equal += a[i] == b[i] && a[i] != 0f ? 1 : 0;
        }

        Assert.True(equal <= a.Length / 1000, $"{name}: seeds 42 and 43 share {equal} of {a.Length} nonzero parameters.");
    }

    [Fact]
    public void Training_runs_with_the_same_seed_are_bitwise_identical_with_dropout_and_Adam()
    {
        var first = new MnistShapedNet(seed: 9);
        var second = new MnistShapedNet(seed: 9);
        for (int step = 0; step < 12; step++)
        {
            int rows = 1 + (step * 5 % MnistShapedNet.BatchSize);
            float[] inputs = TestData.Inputs(first, rows, seed: step);
            float[] targets = TestData.Targets(first, rows, seed: 100 + step);
            float a = first.TrainStep(inputs, targets);
            float b = second.TrainStep(inputs, targets);
            Assert.True(a.Equals(b), $"step {step}: losses {a:R} and {b:R} differ.");
        }

        Assert.Equal(Checkpoint(first), Checkpoint(second));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Training_runs_with_the_same_seed_are_bitwise_identical(string name)
    {
        INetwork first = NetworkCatalog.Create(name, 10);
        INetwork second = NetworkCatalog.Create(name, 10);
        for (int step = 0; step < 5; step++)
        {
            float[] inputs = TestData.Inputs(first, first.BatchSize, seed: step);
            float[] targets = TestData.Targets(first, first.BatchSize, seed: 50 + step);
            Assert.Equal(first.TrainStep(inputs, targets), second.TrainStep(inputs, targets));
        }

        Assert.Equal(Checkpoint(first), Checkpoint(second));
    }

    [Fact]
    public void Training_runs_with_different_seeds_differ()
    {
        var first = new SmallDropoutAdamNet(seed: 1);
        var second = new SmallDropoutAdamNet(seed: 2);
        second.ImportParameters(TestData.Parameters(first));

        // Same parameters, different dropout sequences.
        float[] inputs = TestData.Inputs(first, 4, seed: 1);
        float[] targets = TestData.Targets(first, 4, seed: 2);
        for (int step = 0; step < 5; step++)
        {
            first.TrainStep(inputs, targets);
            second.TrainStep(inputs, targets);
        }

        Assert.NotEqual(TestData.Parameters(first), TestData.Parameters(second));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Reinitialize_after_training_equals_a_new_network_with_that_seed(string name)
    {
        INetwork network = NetworkCatalog.Create(name, 3);
        network.TrainStep(TestData.Inputs(network, 1, 1), TestData.Targets(network, 1, 2));
        network.Reinitialize(21);
        Assert.Equal(0, network.Step);
        Assert.Equal(Checkpoint(NetworkCatalog.Create(name, 21)), Checkpoint(network));
    }

    private static byte[] Checkpoint(INetwork network)
    {
        using var stream = new MemoryStream();
        network.Save(stream);
        return stream.ToArray();
    }
}
