using System;

namespace NetGen.Deployment.Tests;

/// <summary>Deterministic random inputs and trained networks for the tests.</summary>
internal static class TestData
{
    public static float[] Uniform(int count, int seed, float low = -1f, float high = 1f)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = low + ((high - low) * (float)random.NextDouble());
        }

        return values;
    }

    /// <summary>One-hot targets for <paramref name="rows"/> rows of <paramref name="classes"/> classes.</summary>
    public static float[] OneHot(int rows, int classes, int seed)
    {
        var random = new Random(seed);
        var targets = new float[rows * classes];
        for (int row = 0; row < rows; row++)
        {
            targets[(row * classes) + random.Next(classes)] = 1f;
        }

        return targets;
    }

    /// <summary>A network after a few Adam steps, so that its optimizer state and step are not zero.</summary>
    public static FuzzNet TrainedFuzzNet(int seed)
    {
        var network = new FuzzNet(seed);
        float[] inputs = Uniform(4 * FuzzNet.InputSize, seed);
        float[] targets = OneHot(4, FuzzNet.OutputSize, seed);
        for (int step = 0; step < 5; step++)
        {
            network.TrainStep(inputs, targets);
        }

        return network;
    }

    public static byte[] SaveToBytes(INetwork network)
    {
        using var stream = new System.IO.MemoryStream();
        network.Save(stream);
        return stream.ToArray();
    }

    public static float[] Parameters(INetwork network)
    {
        var parameters = new float[network.ParameterCount];
        network.ExportParameters(parameters);
        return parameters;
    }
}
