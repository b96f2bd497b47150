using System;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Full-batch gradient descent on a data set larger than BatchSize: AccumulateGradients over
/// chunks of any size weights them by their rows, so ApplyGradients takes the one step the whole
/// data set would give as a single batch.
/// </summary>
public class GradientAccumulationTests
{
    public static TheoryData<string> Networks => NetworkCatalog.Names;

    [Theory]
    [MemberData(nameof(Networks))]
    public void Accumulating_chunks_then_applying_equals_one_step_on_the_whole_data_set(string name)
    {
        INetwork network = NetworkCatalog.Create(name, 12);
        network.Hyperparameters = network.Hyperparameters with { L2 = 1e-3f, Epsilon = 1e-3f };
        int total = (3 * network.BatchSize) + 2;
        float[] inputs = TestData.Inputs(network, total, seed: 120);
        float[] targets = TestData.Targets(network, total, seed: 121);

        // The reference takes the whole data set as one batch.
        var reference = new ReferenceNetwork(network);
        double expectedLoss = reference.TrainStep(inputs, targets);

        network.ZeroGradients();
        double weightedLoss = 0;
        int done = 0;
        int chunk = 0;
        int[] chunkRows = [network.BatchSize, 1, network.BatchSize, Math.Max(1, network.BatchSize - 1)];
        while (done < total)
        {
            // Chunks of several sizes, then full batches until the data set is used up.
            int rows = Math.Min(chunk < chunkRows.Length ? chunkRows[chunk] : network.BatchSize, total - done);
            float loss = network.AccumulateGradients(
                inputs.AsSpan(done * network.InputSize, rows * network.InputSize),
                targets.AsSpan(done * network.OutputSize, rows * network.OutputSize));

            // Each chunk's loss is a mean over its rows (or its elements), so rows weight it.
            weightedLoss += (double)loss * rows;
            done += rows;
            chunk++;
            Assert.Equal(done, network.AccumulatedRows);
        }

        Assert.Equal(total, network.AccumulatedRows);
        NumericAssert.Close(expectedLoss, (float)(weightedLoss / total), 5e-5, 1e-7, $"{name}: loss over chunks");
        NumericAssert.TensorsClose(network.Architecture, reference.Gradient, TestData.Gradients(network), GradientFiniteDifferenceTests.GradientTolerance, $"{name}: accumulated gradient");

        network.ApplyGradients();
        Assert.Equal(1, network.Step);
        Assert.Equal(0, network.AccumulatedRows);
        NumericAssert.TensorsClose(network.Architecture, reference.Parameters, TestData.Parameters(network), 5e-5, $"{name}: parameters after the step");
    }

    [Fact]
    public void One_accumulated_chunk_equals_a_TrainStep()
    {
        var stepped = new SmallDropoutAdamNet(seed: 3);
        var accumulated = new SmallDropoutAdamNet(seed: 3);
        float[] inputs = TestData.Inputs(stepped, 3, seed: 1);
        float[] targets = TestData.Targets(stepped, 3, seed: 2);
        for (int step = 0; step < 3; step++)
        {
            float a = stepped.TrainStep(inputs, targets);
            float b = accumulated.AccumulateGradients(inputs, targets);
            accumulated.ApplyGradients();
            Assert.Equal(a, b);
        }

        NumericAssert.BitwiseEqual(TestData.Parameters(stepped), TestData.Parameters(accumulated), "parameters");
    }

    [Fact]
    public void Accumulating_after_ApplyGradients_starts_a_new_sum()
    {
        var network = new SgdNeuron(seed: 1);
        network.ImportParameters([0.5f, -0.25f, 0.1f]);
        network.AccumulateGradients([1f, 2f], [1f]);
        network.ApplyGradients();

        // The gradient stays readable until the next accumulation starts.
        NumericAssert.Close([-1.8, -3.6, -1.8], TestData.Gradients(network), 1e-6, 0, "gradient after ApplyGradients");
        network.ImportParameters([0.5f, -0.25f, 0.1f]);
        network.AccumulateGradients([-1f, 0.5f], [0f]);
        Assert.Equal(1, network.AccumulatedRows);
        NumericAssert.Close([1.05, -0.525, -1.05], TestData.Gradients(network), 1e-6, 0, "gradient of the new sum");
    }

    [Fact]
    public void ZeroGradients_discards_what_was_accumulated()
    {
        var network = new SgdNeuron(seed: 1);
        network.ImportParameters([0.5f, -0.25f, 0.1f]);
        network.AccumulateGradients([-1f, 0.5f], [0f]);
        network.ZeroGradients();
        Assert.Equal(0, network.AccumulatedRows);
        network.AccumulateGradients([1f, 2f], [1f]);
        network.ApplyGradients();
        NumericAssert.Close([0.68, 0.11, 0.28], TestData.Parameters(network), 1e-6, 0, "parameters");
    }
}
