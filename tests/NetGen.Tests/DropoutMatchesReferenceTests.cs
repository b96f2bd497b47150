using System;
using System.Collections.Generic;
using NetGen.Tests.Kernels;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Training with non-zero dropout follows the double-precision reference driven by the same masks
/// (reproduced from the seed by <see cref="DropoutMasks"/>): losses, gradients and parameters of
/// batched ComputeGradients + ApplyGradients and TrainSteps of several sizes, on input and hidden
/// dropout, on one thread and split between threads. A reproduction that no longer matches the masks
/// the network draws makes these comparisons fail; the masks themselves must drop about the rate.
/// </summary>
public class DropoutMatchesReferenceTests
{
    private const string MaskHint = " (if NetGen changed how it draws dropout masks, update tests/NetGen.Tests/Reference/DropoutMasks.cs)";

    public static TheoryData<string, int> Networks => new()
    {
        { nameof(SmallDropoutAdamNet), 1 },
        { nameof(MnistShapedNet), 1 },
        { nameof(FusedAdamWNet), 1 },
        { nameof(ThreadedAdamNet), 1 },
        { nameof(ThreadedAdamNet), 2 },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Training_with_dropout_follows_the_reference_driven_by_the_same_masks(string name, int threads)
    {
        const int Seed = 21;
        INetwork network = Create(name, Seed, threads);
        network.Hyperparameters = network.Hyperparameters with
        {
            L2 = 1e-3f,
            // A denominator term that keeps adaptive steps insensitive to the float rounding of tiny gradients.
            Epsilon = 1e-3f,
        };
        var masks = new DropoutMasks(network.Architecture, Seed);
        var reference = new ReferenceNetwork(network);
        int batch = network.BatchSize;
        int[] rowCounts = [batch, batch, 1, Math.Max(1, batch - 1), (batch + 1) / 2];
        for (int step = 0; step < rowCounts.Length; step++)
        {
            int rows = rowCounts[step];
            float[] inputs = TestData.Inputs(network, rows, seed: 210 + step);
            float[] targets = TestData.Targets(network, rows, seed: 220 + step);
            IReadOnlyList<double[]> drawn = masks.Next(rows);
            string what = $"{name} on {threads} thread(s), step {step + 1} of {rows} rows";
            double expectedLoss;
            float loss;
            if (step == 0)
            {
                // The unfused path: gradients first, then the update.
                expectedLoss = reference.ComputeGradients(inputs, targets, drawn);
                loss = network.ComputeGradients(inputs, targets);
                NumericAssert.TensorsClose(network.Architecture, reference.Gradient, TestData.Gradients(network), GradientFiniteDifferenceTests.GradientTolerance, $"{what}: ComputeGradients{MaskHint}");
                reference.ApplyGradients();
                network.ApplyGradients();
            }
            else
            {
                expectedLoss = reference.TrainStep(inputs, targets, drawn);
                loss = network.TrainStep(inputs, targets);
                NumericAssert.TensorsClose(network.Architecture, reference.Gradient, TestData.Gradients(network), GradientFiniteDifferenceTests.GradientTolerance, $"{what}: the gradient of TrainStep{MaskHint}");
            }

            NumericAssert.Close(expectedLoss, loss, 5e-5, 1e-6, $"{what}: loss{MaskHint}");
            NumericAssert.TensorsClose(network.Architecture, reference.Parameters, TestData.Parameters(network), 5e-5, $"{what}: parameters after the step{MaskHint}");
        }

        AssertKeptFraction(network.Architecture, masks.Counts.Drawn, masks.Counts.Kept);
    }

    /// <summary>The kept fraction of the drawn mask elements is 1 - rate within five standard deviations
    /// (the networks' dropout layers of one network may differ in rate: their draws are weighted by width).</summary>
    private static void AssertKeptFraction(NetworkArchitecture architecture, long drawn, long kept)
    {
        double widthSum = 0, keepSum = 0;
        foreach (LayerInfo layer in architecture.Layers)
        {
            if (layer.Kind == LayerKind.Dropout)
            {
                widthSum += layer.OutputSize;
                keepSum += layer.OutputSize * (1.0 - layer.DropoutRate);
            }
        }

        double keep = keepSum / widthSum;
        double deviation = Math.Sqrt(drawn * keep * (1 - keep));
        Assert.True(
            Math.Abs(kept - (drawn * keep)) <= 5 * deviation,
            $"{kept} of {drawn} mask elements kept; expected about {drawn * keep:F0} (fraction {keep:F3}) within {5 * deviation:F0}.");
    }

    private static INetwork Create(string name, int seed, int threads) => name switch
    {
        nameof(SmallDropoutAdamNet) => new SmallDropoutAdamNet(seed),
        nameof(MnistShapedNet) => new MnistShapedNet(seed),
        nameof(FusedAdamWNet) => new FusedAdamWNet(seed),
        _ => new ThreadedAdamNet(seed) { Threads = threads },
    };
}
