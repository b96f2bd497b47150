using System;
using NetGen.Tests.Reference;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Predict, PredictBatch, Evaluate and several TrainSteps of every awkward-size network follow the
/// double-precision reference: the single-row and multi-row kernels, every optimizer with L1, L2,
/// with and without clipping and (AdamW) decoupled decay, and padding that must stay zero across steps.
/// </summary>
public class TrainingMatchesReferenceTests
{
    public static TheoryData<string> Networks => NetworkCatalog.Names;

    [Theory]
    [MemberData(nameof(Networks))]
    public void Predict_matches_the_reference_for_each_row(string name)
    {
        INetwork network = NetworkCatalog.Create(name, seed: 7);
        var reference = new ReferenceNetwork(network);
        int rows = network.BatchSize;
        float[] inputs = TestData.Inputs(network, rows, seed: 70);
        double[] expected = reference.Predict(inputs);
        var output = new float[network.OutputSize];
        for (int r = 0; r < rows; r++)
        {
            network.Predict(inputs.AsSpan(r * network.InputSize, network.InputSize), output);
            NumericAssert.Close(expected.AsSpan(r * network.OutputSize, network.OutputSize), output, 5e-5, 5e-6, $"{name}: Predict of row {r}");
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void PredictBatch_matches_the_reference_for_every_row_count(string name)
    {
        INetwork network = NetworkCatalog.Create(name, seed: 8);
        var reference = new ReferenceNetwork(network);
        for (int rows = 1; rows <= network.BatchSize; rows++)
        {
            float[] inputs = TestData.Inputs(network, rows, seed: 80 + rows);
            var outputs = new float[rows * network.OutputSize];
            network.PredictBatch(inputs, outputs);
            NumericAssert.Close(reference.Predict(inputs), outputs, 5e-5, 5e-6, $"{name}: PredictBatch of {rows} rows");
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Evaluate_returns_the_reference_mean_loss(string name)
    {
        INetwork network = NetworkCatalog.Create(name, seed: 9);
        var reference = new ReferenceNetwork(network);
        for (int rows = 1; rows <= network.BatchSize; rows += 2)
        {
            float[] inputs = TestData.Inputs(network, rows, seed: 90 + rows);
            float[] targets = TestData.Targets(network, rows, seed: 190 + rows);
            NumericAssert.Close(reference.Evaluate(inputs, targets), network.Evaluate(inputs, targets), 5e-5, 1e-6, $"{name}: Evaluate of {rows} rows");
        }
    }

    public static TheoryData<string, bool> NetworksWithAndWithoutClipping
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (string name in NetworkCatalog.Names)
            {
                data.Add(name, false);
                data.Add(name, true);
            }

            return data;
        }
    }

    /// <summary>
    /// Without clipping a step may update each layer as soon as its gradient is summed; with it the
    /// whole gradient's norm comes first. Both must follow the reference.
    /// </summary>
    [Theory]
    [MemberData(nameof(NetworksWithAndWithoutClipping))]
    public void Training_steps_with_penalties_follow_the_reference(string name, bool clipped)
    {
        INetwork network = NetworkCatalog.Create(name, seed: 11);
        int batch = network.BatchSize;
        float[] firstInputs = TestData.Inputs(network, batch, seed: 110);
        float[] firstTargets = TestData.Targets(network, batch, seed: 111);

        // Clip at half the first gradient's norm, so that clipping is active at least once.
        var probe = new ReferenceNetwork(network);
        probe.ComputeGradients(firstInputs, firstTargets);
        double norm = 0;
        foreach (double g in probe.Gradient)
        {
            norm += g * g;
        }

        network.Hyperparameters = network.Hyperparameters with
        {
            L1 = 1e-4f,
            L2 = 1e-3f,
            ClipNorm = clipped ? (float)(0.5 * Math.Sqrt(norm)) : 0f,
            // A denominator term that keeps adaptive steps insensitive to the float rounding of tiny gradients.
            Epsilon = 1e-3f,
        };
        var reference = new ReferenceNetwork(network);

        int[] rowCounts = [batch, 1, Math.Max(1, batch - 1), batch, (batch + 1) / 2];
        for (int step = 0; step < rowCounts.Length; step++)
        {
            int rows = rowCounts[step];
            float[] inputs = step == 0 ? firstInputs : TestData.Inputs(network, rows, seed: 120 + step);
            float[] targets = step == 0 ? firstTargets : TestData.Targets(network, rows, seed: 130 + step);
            double expectedLoss = reference.TrainStep(inputs, targets);
            float loss = network.TrainStep(inputs, targets);
            NumericAssert.Close(expectedLoss, loss, 5e-5, 1e-6, $"{name}: loss of step {step + 1}");
            Assert.Equal(step + 1, network.Step);
            NumericAssert.TensorsClose(network.Architecture, reference.Parameters, TestData.Parameters(network), 5e-5, $"{name}: parameters after step {step + 1}");
        }

        // Outputs after training show any padding that stopped being zero.
        float[] probeInputs = TestData.Inputs(network, batch, seed: 140);
        var outputs = new float[batch * network.OutputSize];
        network.PredictBatch(probeInputs, outputs);
        NumericAssert.Close(reference.Predict(probeInputs), outputs, 1e-4, 5e-6, $"{name}: PredictBatch after training");
    }
}
