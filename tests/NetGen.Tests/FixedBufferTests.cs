using System;
using Xunit;

namespace NetGen.Tests;

/// <summary>The generated fixed-size buffer types and their overloads behave exactly as the span members.</summary>
public class FixedBufferTests
{
    [Fact]
    public void Buffers_have_the_network_sizes()
    {
        var input = new SmokeNet.Input();
        var output = new SmokeNet.Output();
        Span<float> inputSpan = input;
        Span<float> outputSpan = output;
        Assert.Equal(SmokeNet.InputSize, inputSpan.Length);
        Assert.Equal(SmokeNet.OutputSize, outputSpan.Length);
    }

    [Fact]
    public void Predict_and_training_with_buffers_match_the_span_members()
    {
        var withSpans = new SmokeNet(seed: 5);
        var withBuffers = new SmokeNet(seed: 5);
        float[] row = [0.5f, -1f, 2f];
        float[] target = [1f, -0.5f];
        var input = new SmokeNet.Input();
        var expected = new SmokeNet.Output();
        for (int i = 0; i < SmokeNet.InputSize; i++)
        {
            input[i] = row[i];
        }

        for (int i = 0; i < SmokeNet.OutputSize; i++)
        {
            expected[i] = target[i];
        }

        float[] spanOutput = new float[SmokeNet.OutputSize];
        withSpans.Predict(row, spanOutput);
        SmokeNet.Output bufferOutput = withBuffers.Predict(input);
        Assert.Equal(spanOutput, ((ReadOnlySpan<float>)bufferOutput).ToArray());

        Assert.Equal(withSpans.Evaluate(row, target), withBuffers.Evaluate(input, expected));
        Assert.Equal(withSpans.TrainStep(row, target), withBuffers.TrainStep(input, expected));
        Assert.Equal(withSpans.ComputeGradients(row, target), withBuffers.ComputeGradients(input, expected));

        float[] spanParameters = new float[SmokeNet.ParameterCount];
        float[] bufferParameters = new float[SmokeNet.ParameterCount];
        withSpans.ExportParameters(spanParameters);
        withBuffers.ExportParameters(bufferParameters);
        Assert.Equal(spanParameters, bufferParameters);
        Assert.Equal(1, withBuffers.Step);
    }
}
