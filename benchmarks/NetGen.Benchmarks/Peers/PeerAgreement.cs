using System;

namespace NetGen.Benchmarks.Peers;

/// <summary>Checks, before anything is timed, that the peers compute what NetGen computes.</summary>
public static class PeerAgreement
{
    /// <summary>Throws unless NetGen's, ONNX Runtime's and the naive network's outputs for <paramref name="input"/> agree.</summary>
    public static void Check(INetwork network, OnnxPredictor onnx, NaiveNetwork naive, float[] input)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(onnx);
        ArgumentNullException.ThrowIfNull(naive);
        float[] expected = new float[network.OutputSize];
        float[] actual = new float[network.OutputSize];
        network.Predict(input, expected);
        input.CopyTo(onnx.Input, 0);
        onnx.Run();
        Compare("ONNX Runtime", expected, onnx.Output);
        naive.Predict(input, actual);
        Compare("the naive network", expected, actual);
    }

    private static void Compare(string peer, float[] expected, float[] actual)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (!(Math.Abs(expected[i] - actual[i]) <= 1e-3f * (1f + Math.Abs(expected[i]))))
            {
                throw new InvalidOperationException($"Output {i} of {peer} is {actual[i]}, NetGen's is {expected[i]}: the peers do not compute the same network.");
            }
        }
    }
}
