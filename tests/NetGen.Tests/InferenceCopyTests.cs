using System;
using System.IO;
using NetGen.Tests.Networks;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// One-row inference calls of a network with output-major Dense layers read a copy of their weights in the order a one-row tile
/// reads them, made at the 16th such call since the parameters last changed. The copy adds the same products in the same order,
/// so a row gives the same bits before and after it is made; every change to the parameters discards it.
/// </summary>
public class InferenceCopyTests
{
    /// <summary>One-row calls in each test: three times the calls that make the copy.</summary>
    private const int Calls = 48;

    /// <summary>Rows the calls go through in turn.</summary>
    private const int Rows = 6;

    public static TheoryData<string> Networks => new() { nameof(NarrowingNet), nameof(LeNet5) };

    public static TheoryData<string> Changes => new()
    {
        "TrainStep", "ApplyGradients", "ImportParameters", "Reinitialize", "Restore", "CopyParametersTo", "SoftUpdate",
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void One_row_calls_give_the_same_bits_before_and_after_the_copy_is_made(string name)
    {
        INetwork network = Create(name, seed: 3);
        float[] inputs = TestData.Inputs(network, Rows, seed: 11);

        // The first calls read the weights themselves; call 16 makes the copy, and the calls after it read the copy.
        float[] first = OneRowOutputs(network, inputs);
        for (int call = Rows; call < Calls; call++)
        {
            AssertRowGives(network, inputs, first, call % Rows, $"call {call + 1}");
        }
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public void A_change_to_the_parameters_discards_the_copy(string change)
    {
        var network = new NarrowingNet(seed: 1);
        float[] inputs = TestData.Inputs(network, NarrowingNet.BatchSize, seed: 5);
        float[] targets = TestData.Targets(network, NarrowingNet.BatchSize, seed: 6);
        var output = new float[NarrowingNet.OutputSize];
        for (int call = 0; call < Calls; call++)
        {
            network.Predict(inputs.AsSpan(0, NarrowingNet.InputSize), output);
        }

        Change(network, change, inputs, targets);

        // A network that never made a copy, with the changed parameters: a call that read the copy made before the change
        // would give other bits than its calls.
        var parameters = new float[NarrowingNet.ParameterCount];
        network.ExportParameters(parameters);
        var fresh = new NarrowingNet(seed: 0);
        fresh.ImportParameters(parameters);
        float[] expected = OneRowOutputs(fresh, inputs);
        for (int call = 0; call < Calls; call++)
        {
            AssertRowGives(network, inputs, expected, call % Rows, $"after {change}, call {call + 1}");
        }
    }
    private static void Change(NarrowingNet network, string change, float[] inputs, float[] targets)
    {
        var other = new NarrowingNet(seed: 2);
        switch (change)
        {
            case "TrainStep":
                network.TrainStep(inputs, targets);
                break;
            case "ApplyGradients":
                network.AccumulateGradients(inputs, targets);
                network.ApplyGradients();
                break;
            case "ImportParameters":
                var parameters = new float[NarrowingNet.ParameterCount];
                other.ExportParameters(parameters);
                network.ImportParameters(parameters);
                break;
            case "Reinitialize":
                network.Reinitialize(seed: 7);
                break;
            case "Restore":
                using (var stream = new MemoryStream())
                {
                    other.Save(stream);
                    stream.Position = 0;
                    network.Restore(stream);
                }

                break;
            case "CopyParametersTo":
                other.CopyParametersTo(network);
                break;
            case "SoftUpdate":
                other.SoftUpdate(network, 0.5f);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, "no such change");
        }
    }

    /// <summary>The outputs of the first <see cref="Rows"/> rows, each from a one-row call (fewer calls than make the copy).</summary>
    private static float[] OneRowOutputs(INetwork network, float[] inputs)
    {
        var outputs = new float[Rows * network.OutputSize];
        for (int row = 0; row < Rows; row++)
        {
            network.Predict(inputs.AsSpan(row * network.InputSize, network.InputSize), outputs.AsSpan(row * network.OutputSize, network.OutputSize));
        }

        return outputs;
    }

    private static void AssertRowGives(INetwork network, float[] inputs, float[] expected, int row, string when)
    {
        var one = new float[network.OutputSize];
        network.Predict(inputs.AsSpan(row * network.InputSize, network.InputSize), one);
        for (int o = 0; o < one.Length; o++)
        {
            float value = expected[(row * network.OutputSize) + o];
            Assert.True(
                BitConverter.SingleToInt32Bits(one[o]) == BitConverter.SingleToInt32Bits(value),
                $"{when}: row {row}, output {o}: {one[o]:R}, expected {value:R}");
        }
    }

    private static INetwork Create(string name, int seed) => name switch
    {
        nameof(NarrowingNet) => new NarrowingNet(seed),
        nameof(LeNet5) => new LeNet5(seed),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such network"),
    };
}
