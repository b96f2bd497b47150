using System;

namespace NetGen.Tests.Support;

/// <summary>Checks of <c>PredictStep</c> shared by the streaming tests of each layer kind.</summary>
internal static class StreamingAssert
{
    /// <summary>Streams <paramref name="sequence"/> twice (a <c>ResetState</c> before each pass, a <c>Predict</c> in the middle of
    /// the second) and requires every step to equal <c>Predict</c> on the whole sequence at that position.</summary>
    public static void EachStepEqualsPredict(INetwork network, float[] sequence, double relative, string name)
    {
        var stream = (IStreamingNetwork)network;
        var whole = new float[network.OutputSize];
        network.Predict(sequence, whole);
        var output = new float[stream.StepOutputSize];
        int steps = network.InputSize / stream.StepInputSize;
        for (int pass = 0; pass < 2; pass++)
        {
            // Predict between steps leaves the stream alone; ResetState starts a new one.
            stream.ResetState();
            for (int t = 0; t < steps; t++)
            {
                stream.PredictStep(sequence.AsSpan(t * stream.StepInputSize, stream.StepInputSize), output);
                NumericAssert.Close(TestData.ToDouble(whole[(t * stream.StepOutputSize)..((t + 1) * stream.StepOutputSize)]), output, relative, 1e-6, $"{name}: step {t + 1} of pass {pass + 1} against Predict");
                if (pass == 1 && t == 2)
                {
                    network.Predict(sequence, new float[network.OutputSize]);
                }
            }
        }
    }
    /// <summary>Two networks of the same seed stream <paramref name="sequence"/> (repeated to 40 steps or more, past the one-row
    /// calls that make the inference copies): one by <c>PredictStep</c>, the other by <c>PredictSteps</c> on buffers of 1, 3, 0, 7 and
    /// then the rest of the steps; every output must be the same bits.</summary>
    public static void PredictStepsEqualsPredictStep(Func<int, INetwork> create, float[] sequence, string name)
    {
        var single = (IStreamingNetwork)create(1);
        var buffered = (IStreamingNetwork)create(1);
        int width = single.StepInputSize;
        int outputWidth = single.StepOutputSize;
        int length = sequence.Length / width;
        int steps = length * (1 + (39 / length));
        var input = new float[steps * width];
        for (int t = 0; t < steps; t++)
        {
            sequence.AsSpan((t % length) * width, width).CopyTo(input.AsSpan(t * width));
        }

        var expected = new float[steps * outputWidth];
        for (int t = 0; t < steps; t++)
        {
            single.PredictStep(input.AsSpan(t * width, width), expected.AsSpan(t * outputWidth, outputWidth));
        }

        var actual = new float[steps * outputWidth];
        int done = 0;
        foreach (int buffer in new[] { 1, 3, 0, 7, steps - 11 })
        {
            buffered.PredictSteps(input.AsSpan(done * width, buffer * width), actual.AsSpan(done * outputWidth, buffer * outputWidth));
            done += buffer;
        }

        NumericAssert.BitwiseEqual(expected, actual, $"{name}: {steps} steps by PredictSteps in buffers of 1, 3, 0, 7 and {steps - 11} against PredictStep");
    }
}
