using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Tests.Networks;
using NetGen.Tests.Shared;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Causal Conv1D layers stream: each <c>PredictStep</c> keeps the input steps the kernel still reads in a ring, so the t-th
/// streamed step equals <c>Predict</c> on the whole sequence at position t (the zeros of the causal padding are the zeroed ring),
/// long streams that wrap each ring many times equal <c>Predict</c> on the window that ends at the step, <c>ResetState</c>
/// starts over, and no call allocates. The numerical tests run on whichever instruction set the run uses (CI reruns them on
/// each narrower path).
/// </summary>
public class CausalConvolutionStreamingTests
{
    private static readonly Dictionary<string, Func<int, INetwork>> s_networks = new()
    {
        [nameof(DilatedCausalStackNet)] = seed => new DilatedCausalStackNet(seed),
        [nameof(CausalConvGruNet)] = seed => new CausalConvGruNet(seed),
        [nameof(CausalConvLstmNet)] = seed => new CausalConvLstmNet(seed),
        [nameof(WideCausalConvNet)] = seed => new WideCausalConvNet(seed),
        [nameof(ManyChannelCausalConvNet)] = seed => new ManyChannelCausalConvNet(seed),
    };

    /// <summary>Every streaming network with a causal convolution.</summary>
    public static TheoryData<string> Names => new(s_networks.Keys);

    /// <summary>The networks that give a sequence, so that Predict gives every step's output.</summary>
    public static TheoryData<string> Sequences => new(s_networks.Keys.Where(name => name != nameof(CausalConvLstmNet)));

    /// <summary>The networks of convolutions and layers without state of their own: an output step depends on a window of
    /// input steps only, so a stream of any length can be checked against Predict on the window that ends at the step.</summary>
    public static TheoryData<string> Windowed => new(nameof(DilatedCausalStackNet), nameof(WideCausalConvNet), nameof(ManyChannelCausalConvNet));

    [Fact]
    public void Causal_stride_one_convolutions_stream_and_the_others_do_not()
    {
        foreach ((string name, Func<int, INetwork> create) in s_networks)
        {
            Assert.True(create(1) is IStreamingNetwork, $"{name} streams");
        }

        Assert.Equal(1, DilatedCausalStackNet.StepInputSize);
        Assert.Equal(1, DilatedCausalStackNet.StepOutputSize);
        Assert.Equal(50, ManyChannelCausalConvNet.StepInputSize);
        Assert.Equal(3, WideCausalConvNet.StepOutputSize);

        // Pools, a Same padding and a stride are not causal in time: those networks have no PredictStep.
        foreach (Type type in new[] { typeof(CausalSequenceNet), typeof(StridedSequenceNet) })
        {
            Assert.Null(type.GetMethod("PredictStep"));
            Assert.False(typeof(IStreamingNetwork).IsAssignableFrom(type), $"{type.Name} does not stream");
        }
    }

    [Theory]
    [MemberData(nameof(Sequences))]
    public void Each_streamed_step_equals_the_whole_sequence_at_that_position(string name)
    {
        INetwork network = Trained(name);
        StreamingAssert.EachStepEqualsPredict(network, TestData.Inputs(network, 1, seed: 3), 2e-5, name);
    }

    [Fact]
    public void The_last_streamed_step_of_a_network_that_gives_its_last_state_equals_Predict()
    {
        INetwork network = Trained(nameof(CausalConvLstmNet));
        var stream = (IStreamingNetwork)network;
        float[] sequence = TestData.Inputs(network, 1, seed: 4);
        var expected = new float[network.OutputSize];
        network.Predict(sequence, expected);
        var output = new float[stream.StepOutputSize];
        int steps = network.InputSize / stream.StepInputSize;
        var outputs = new List<float>();
        for (int t = 0; t < steps; t++)
        {
            stream.PredictStep(sequence.AsSpan(t * stream.StepInputSize, stream.StepInputSize), output);
            outputs.Add(output[0]);
        }

        NumericAssert.Close(TestData.ToDouble(expected), output, 2e-5, 1e-6, "CausalConvLstmNet: last streamed step against Predict");
        Assert.True(outputs.Distinct().Count() > steps / 2, "the streamed steps differ from one another");
    }

    [Theory]
    [MemberData(nameof(Windowed))]
    public void A_long_stream_equals_Predict_on_the_window_that_ends_at_each_step(string name)
    {
        INetwork network = Trained(name);
        var stream = (IStreamingNetwork)network;
        int width = stream.StepInputSize;
        int length = network.InputSize / width;
        int total = (5 * length) + 3;
        float[] signal = TestData.Uniform(total * width, -1f, 1f, seed: 12);
        var output = new float[stream.StepOutputSize];
        var whole = new float[network.OutputSize];
        for (int t = 0; t < total; t++)
        {
            stream.PredictStep(signal.AsSpan(t * width, width), output);
            if (t >= length - 1)
            {
                // The window of the last 'length' steps: every ring of the stream has wrapped by now.
                network.Predict(signal.AsSpan((t - length + 1) * width, length * width), whole);
                NumericAssert.Close(TestData.ToDouble(whole[^stream.StepOutputSize..]), output, 2e-5, 1e-6, $"{name}: step {t + 1} against Predict on steps {t - length + 2} to {t + 1}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void PredictSteps_gives_the_bits_of_as_many_PredictStep_calls(string name)
    {
        INetwork network = s_networks[name](1);
        StreamingAssert.PredictStepsEqualsPredictStep(s_networks[name], TestData.Inputs(network, 1, seed: 7), name);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ResetState_forgets_the_history(string name)
    {
        INetwork network = Trained(name);
        var stream = (IStreamingNetwork)network;
        float[] sequence = TestData.Inputs(network, 1, seed: 5);
        int width = stream.StepInputSize;
        var first = new float[stream.StepOutputSize];
        var later = new float[stream.StepOutputSize];
        var again = new float[stream.StepOutputSize];
        stream.PredictStep(sequence.AsSpan(0, width), first);
        stream.PredictStep(sequence.AsSpan(width, width), later);
        stream.PredictStep(sequence.AsSpan(0, width), later);
        Assert.False(first.SequenceEqual(later), $"{name}: the same step after another gives another output (the history counts)");
        stream.ResetState();
        stream.PredictStep(sequence.AsSpan(0, width), again);
        NumericAssert.BitwiseEqual(first, again, $"{name}: the first step after ResetState");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Streaming_allocates_nothing(string name)
    {
        var stream = (IStreamingNetwork)s_networks[name](1);
        float[] steps = TestData.Uniform(64 * stream.StepInputSize, -1f, 1f, seed: 6);
        var output = new float[stream.StepOutputSize];
        int next = 0;
        void Step()
        {
            stream.PredictStep(steps.AsSpan(next * stream.StepInputSize, stream.StepInputSize), output);
            next = (next + 1) % 64;
        }

        for (int i = 0; i < 100; i++)
        {
            Step();
        }

        var windows = new long[3];
        for (int window = 0; window < windows.Length; window++)
        {
            long before = ThreadAllocation.Start();
            for (int i = 0; i < 500; i++)
            {
                Step();
            }

            stream.ResetState();
            windows[window] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.True(windows.All(bytes => bytes == 0), $"{name}: PredictStep and ResetState allocated {string.Join(", ", windows)} bytes in windows of 500 steps");
    }

    /// <summary>The network after one training step, so that every bias differs from zero.</summary>
    private static INetwork Trained(string name)
    {
        INetwork network = s_networks[name](7);
        network.TrainStep(TestData.Inputs(network, 4, seed: 1), TestData.Targets(network, 4, seed: 2));
        return network;
    }
}
