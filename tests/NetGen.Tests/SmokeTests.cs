using System;
using NetGen;
using Xunit;

namespace NetGen.Tests;

[Network(3, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.1f, BatchSize = 4)]
[Dense(5, Activation.Tanh)]
[Dense(2)]
public partial class SmokeNet
{
}

public class SmokeTests
{
    [Fact]
    public void A_training_step_lowers_the_loss_on_the_same_batch()
    {
        var network = new SmokeNet(seed: 3);
        float[] inputs = [0.5f, -1f, 2f, 1f, 0f, -0.5f];
        float[] targets = [1f, -1f, 0.5f, 0.25f];
        float before = network.Evaluate(inputs, targets);
        network.TrainStep(inputs, targets);
        float after = network.Evaluate(inputs, targets);
        Assert.True(after < before, $"loss went from {before} to {after}");
        Assert.Equal(1, network.Step);
    }
}
