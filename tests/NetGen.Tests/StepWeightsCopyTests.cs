using System;
using NetGen.Tests.Networks;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// A recurrent layer whose W_hh is larger than 32 KB steps block by block, and from the 16th one-row inference call since the
/// parameters last changed its streamed steps read a block-major copy of W_hh, its blocks in ascending and descending order in
/// turn. Each sum adds the same products in the same order whichever it reads, so a stream gives the same bits before and
/// after the copy is made, in either order; a change to the parameters discards the copy.
/// </summary>
public class StepWeightsCopyTests
{
    public static TheoryData<string> Networks => new() { nameof(BlockGruNet), nameof(BlockLstmNet) };

    [Theory]
    [MemberData(nameof(Networks))]
    public void A_stream_gives_the_same_bits_before_and_after_the_copy_is_made(string name)
    {
        INetwork network = Create(name, seed: 3);
        float[] sequence = TestData.Inputs(network, 1, seed: 8);

        // The first pass reads W_hh itself up to its 16th step, which makes the copy; the second and third read the copy, their
        // first steps in the two orders of the blocks (20 steps a pass).
        float[] first = Stream(network, sequence);
        float[] second = Stream(network, sequence);
        float[] third = Stream(network, sequence);
        AssertSameBits(first, second, $"{name}: the second pass against the first");
        AssertSameBits(first, third, $"{name}: the third pass against the first");
    }

    [Theory]
    [InlineData("TrainStep")]
    [InlineData("ImportParameters")]
    public void A_change_to_the_parameters_discards_the_copy(string change)
    {
        var network = new BlockGruNet(seed: 1);
        float[] sequence = TestData.Inputs(network, 1, seed: 5);
        Stream(network, sequence);
        Stream(network, sequence);
        if (change == "TrainStep")
        {
            network.TrainStep(TestData.Inputs(network, BlockGruNet.BatchSize, seed: 6), TestData.Targets(network, BlockGruNet.BatchSize, seed: 7));
        }
        else
        {
            var parameters = new float[BlockGruNet.ParameterCount];
            new BlockGruNet(seed: 2).ExportParameters(parameters);
            network.ImportParameters(parameters);
        }

        // A network that never made a copy, with the changed parameters: a stream that read the copy made before the change
        // would give other bits than its first pass.
        var changed = new float[BlockGruNet.ParameterCount];
        network.ExportParameters(changed);
        var fresh = new BlockGruNet(seed: 0);
        fresh.ImportParameters(changed);
        AssertSameBits(Stream(fresh, sequence), Stream(network, sequence), $"after {change}");
    }

    /// <summary>The output of every step of <paramref name="sequence"/>, streamed from a reset state.</summary>
    private static float[] Stream(INetwork network, float[] sequence)
    {
        var stream = (IStreamingNetwork)network;
        int steps = network.InputSize / stream.StepInputSize;
        var outputs = new float[steps * stream.StepOutputSize];
        stream.ResetState();
        for (int t = 0; t < steps; t++)
        {
            stream.PredictStep(sequence.AsSpan(t * stream.StepInputSize, stream.StepInputSize), outputs.AsSpan(t * stream.StepOutputSize, stream.StepOutputSize));
        }

        return outputs;
    }

    private static void AssertSameBits(float[] expected, float[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                $"{what}: output {i}: {actual[i]:R}, expected {expected[i]:R}");
        }
    }

    private static INetwork Create(string name, int seed) => name switch
    {
        nameof(BlockGruNet) => new BlockGruNet(seed),
        nameof(BlockLstmNet) => new BlockLstmNet(seed),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such network"),
    };
}
