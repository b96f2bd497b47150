using System;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Inverted dropout: in training steps each element is zeroed with probability rate and the rest
/// are scaled by 1 / (1 - rate), the gradient passes through the same mask; Predict and Evaluate
/// are the identity; masks come from the seed and are reproducible. The probes have identity
/// weights and zero biases and are trained on one row against zero targets, so that the output
/// layer's bias gradient is 2 y / 20, revealing the dropped values y.
/// </summary>
public class DropoutTests
{
    private const int Width = 20;
    private const float Rate = 0.3f;
    private const float Keep = 1f / (1f - Rate);

    [Fact]
    public void Input_dropout_zeroes_elements_or_scales_them_by_one_over_keep_probability()
    {
        var network = new InputDropoutProbe(seed: 1);
        network.ImportParameters(IdentityParameters(1));
        float[] input = TestData.Uniform(Width, 0.5f, 2f, seed: 1);
        const int Calls = 50;
        int kept = 0;
        for (int call = 0; call < Calls; call++)
        {
            float[] dropped = DroppedOutput(network, input);
            for (int j = 0; j < Width; j++)
            {
                Assert.True(
                    dropped[j] == 0f || Math.Abs(dropped[j] - (input[j] * Keep)) <= 1e-5f * Math.Abs(input[j] * Keep),
                    $"element {j} of call {call} is {dropped[j]}; expected 0 or {input[j] * Keep}.");
                kept += dropped[j] != 0f ? 1 : 0;
            }
        }

        // 1000 draws kept with p = 0.7: mean 700, standard deviation 14.5; five deviations either side.
        Assert.InRange(kept, 700 - 72, 700 + 72);
    }

    /// <summary>
    /// The masks <see cref="DropoutMasks"/> reproduces from the seed (which drive the reference in
    /// <see cref="DropoutMatchesReferenceTests"/>) are the ones the network applies, element for element,
    /// for dropout on the input and between layers.
    /// </summary>
    [Theory]
    [InlineData(nameof(InputDropoutProbe))]
    [InlineData(nameof(HiddenDropoutProbe))]
    public void The_reproduced_masks_are_the_masks_the_network_applies(string name)
    {
        INetwork network = name == nameof(InputDropoutProbe) ? new InputDropoutProbe(seed: 9) : new HiddenDropoutProbe(seed: 9);
        network.ImportParameters(IdentityParameters(name == nameof(InputDropoutProbe) ? 1 : 2));
        var masks = new DropoutMasks(network.Architecture, seed: 9);
        float[] input = TestData.Uniform(Width, 0.5f, 2f, seed: 9);
        for (int call = 0; call < 20; call++)
        {
            float[] dropped = DroppedOutput(network, input);
            double[] mask = masks.Next(1)[0];
            for (int j = 0; j < Width; j++)
            {
                Assert.True(
                    (mask[j] == 0) == (dropped[j] == 0f),
                    $"{name}, call {call}, element {j}: the network {(dropped[j] == 0f ? "dropped" : "kept")} it, the reproduced mask {(mask[j] == 0 ? "drops" : "keeps")} it. " +
                    "NetGen no longer draws masks the way tests/NetGen.Tests/Reference/DropoutMasks.cs reproduces them: update it to mirror the generated code.");
            }
        }

        Assert.InRange(masks.Counts.Kept, 1, masks.Counts.Drawn - 1);
    }

    [Fact]
    public void Hidden_dropout_scales_kept_elements_and_passes_the_gradient_through_the_same_mask()
    {
        var network = new HiddenDropoutProbe(seed: 2);
        network.ImportParameters(IdentityParameters(2));
        float[] input = TestData.Uniform(Width, 0.5f, 2f, seed: 2);
        for (int call = 0; call < 20; call++)
        {
            float[] dropped = DroppedOutput(network, input);
            float[] gradient = TestData.Gradients(network);
            int firstBias = Width * Width;
            int secondBias = firstBias + Width + (Width * Width);
            for (int j = 0; j < Width; j++)
            {
                bool kept = dropped[j] != 0f;
                if (kept)
                {
                    NumericAssert.Close(input[j] * Keep, dropped[j], 1e-5, 0, $"kept element {j} of call {call}");
                }

                // With the second layer the identity, the first layer's bias gradient is the mask times the second's.
                double expected = (kept ? Keep : 0) * gradient[secondBias + j];
                NumericAssert.Close(expected, gradient[firstBias + j], 1e-5, 0, $"first layer's bias gradient {j} of call {call}");
            }
        }
    }

    [Fact]
    public void The_fraction_dropped_matches_the_rate()
    {
        var network = new HiddenDropoutProbe(seed: 3);
        network.ImportParameters(IdentityParameters(2));
        float[] input = TestData.Uniform(Width, 0.5f, 2f, seed: 3);
        int dropped = 0;
        const int Calls = 250;
        for (int call = 0; call < Calls; call++)
        {
            foreach (float value in DroppedOutput(network, input))
            {
                dropped += value == 0f ? 1 : 0;
            }
        }

        // 5000 draws at p = 0.3: mean 1500, standard deviation 32; five deviations either side.
        Assert.InRange(dropped, 1500 - 162, 1500 + 162);
    }

    [Fact]
    public void Predict_PredictBatch_and_Evaluate_do_not_drop()
    {
        var network = new HiddenDropoutProbe(seed: 4);
        network.ImportParameters(IdentityParameters(2));
        float[] inputs = TestData.Uniform(3 * Width, -1f, 1f, seed: 4);
        var output = new float[Width];
        network.Predict(inputs.AsSpan(0, Width), output);
        NumericAssert.Close(TestData.ToDouble(inputs[..Width]), output, 1e-6, 0, "Predict");

        var outputs = new float[3 * Width];
        network.PredictBatch(inputs, outputs);
        NumericAssert.Close(TestData.ToDouble(inputs), outputs, 1e-6, 0, "PredictBatch");

        double sumOfSquares = 0;
        foreach (float x in inputs)
        {
            sumOfSquares += x * x;
        }

        NumericAssert.Close(sumOfSquares / inputs.Length, network.Evaluate(inputs, new float[3 * Width]), 1e-6, 0, "Evaluate");
    }

    [Fact]
    public void Input_dropout_in_inference_passes_rows_of_any_count_unchanged()
    {
        var network = new InputDropoutProbe(seed: 4);
        network.ImportParameters(IdentityParameters(1));
        for (int rows = 1; rows <= InputDropoutProbe.BatchSize; rows++)
        {
            float[] inputs = TestData.Uniform(rows * Width, -1f, 1f, seed: rows);
            var outputs = new float[rows * Width];
            network.PredictBatch(inputs, outputs);
            NumericAssert.Close(TestData.ToDouble(inputs), outputs, 1e-6, 0, $"PredictBatch of {rows} rows");
        }
    }

    [Fact]
    public void Inference_calls_do_not_consume_the_dropout_sequence()
    {
        float[] inputs = TestData.Uniform(4 * 5, -1f, 1f, seed: 5);
        float[] targets = [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0];
        var plain = new SmallDropoutAdamNet(seed: 5);
        var interleaved = new SmallDropoutAdamNet(seed: 5);
        var output = new float[3];
        var outputs = new float[12];
        for (int step = 0; step < 10; step++)
        {
            interleaved.Predict(inputs.AsSpan(0, 5), output);
            interleaved.PredictBatch(inputs, outputs);
            interleaved.Evaluate(inputs, targets);
            Assert.Equal(plain.TrainStep(inputs, targets), interleaved.TrainStep(inputs, targets));
        }

        NumericAssert.BitwiseEqual(TestData.Parameters(plain), TestData.Parameters(interleaved), "parameters");
    }

    [Fact]
    public void The_same_seed_gives_the_same_masks_and_another_seed_other_masks()
    {
        float[] input = TestData.Uniform(Width, 0.5f, 2f, seed: 6);
        var first = new HiddenDropoutProbe(seed: 6);
        var same = new HiddenDropoutProbe(seed: 6);
        var other = new HiddenDropoutProbe(seed: 7);
        foreach (HiddenDropoutProbe network in new[] { first, same, other })
        {
            network.ImportParameters(IdentityParameters(2));
        }

        bool anyDifferent = false;
        for (int call = 0; call < 10; call++)
        {
            float[] a = DroppedOutput(first, input);
            NumericAssert.BitwiseEqual(a, DroppedOutput(same, input), $"masks of call {call} with the same seed");
            anyDifferent |= !a.AsSpan().SequenceEqual(DroppedOutput(other, input));
        }

        Assert.True(anyDifferent, "seeds 6 and 7 gave the same 10 masks");
    }

    [Fact]
    public void Reinitialize_restarts_the_dropout_sequence()
    {
        float[] input = TestData.Uniform(Width, 0.5f, 2f, seed: 8);
        var network = new HiddenDropoutProbe(seed: 8);
        network.ImportParameters(IdentityParameters(2));
        float[] firstMask = DroppedOutput(network, input);
        DroppedOutput(network, input);
        network.Reinitialize(8);
        network.ImportParameters(IdentityParameters(2));
        NumericAssert.BitwiseEqual(firstMask, DroppedOutput(network, input), "first mask after Reinitialize");
    }

    /// <summary>Identity weights, zero biases, for <paramref name="layers"/> Dense layers of 20 x 20.</summary>
    private static float[] IdentityParameters(int layers)
    {
        var parameters = new float[layers * ((Width * Width) + Width)];
        for (int layer = 0; layer < layers; layer++)
        {
            int offset = layer * ((Width * Width) + Width);
            for (int j = 0; j < Width; j++)
            {
                parameters[offset + (j * Width) + j] = 1f;
            }
        }

        return parameters;
    }

    /// <summary>The training-mode output of one row, from the last bias gradient 2 y / 20 against zero targets.</summary>
    private static float[] DroppedOutput(INetwork network, float[] input)
    {
        network.ComputeGradients(input, new float[Width]);
        float[] gradient = TestData.Gradients(network);
        var output = new float[Width];
        int lastBias = network.ParameterCount - Width;
        for (int j = 0; j < Width; j++)
        {
            output[j] = gradient[lastBias + j] * Width / 2f;
        }

        return output;
    }
}
