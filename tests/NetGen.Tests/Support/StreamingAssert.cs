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
}
