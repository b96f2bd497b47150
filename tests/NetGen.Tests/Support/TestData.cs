using System;

namespace NetGen.Tests.Support;

/// <summary>Seeded inputs and targets that suit each loss.</summary>
internal static class TestData
{
    /// <summary><paramref name="count"/> floats uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static float[] Uniform(int count, float low, float high, int seed)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = low + ((high - low) * (float)random.NextDouble());
        }

        return values;
    }

    /// <summary>Inputs uniform in [-1, 1).</summary>
    public static float[] Inputs(INetwork network, int rows, int seed) => Uniform(rows * network.InputSize, -1f, 1f, seed);

    /// <summary>
    /// Targets for the network's loss: values around the outputs for the regression losses (so
    /// that Huber sees both of its regimes), probabilities with some hard labels for binary
    /// cross-entropy, one-hot rows for categorical cross-entropy, a class index per position for the sparse one.
    /// </summary>
    public static float[] Targets(INetwork network, int rows, int seed)
    {
        int outputs = network.OutputSize;
        var random = new Random(seed);
        var targets = new float[rows * network.TargetSize];
        switch (network.Architecture.Loss)
        {
            case Loss.SparseCategoricalCrossEntropy:
                int classes = network.Architecture.OutputShape.Channels;
                for (int i = 0; i < targets.Length; i++)
                {
                    targets[i] = random.Next(classes);
                }

                break;
            case Loss.CategoricalCrossEntropy:
                for (int r = 0; r < rows; r++)
                {
                    targets[(r * outputs) + random.Next(outputs)] = 1f;
                }

                break;
            case Loss.BinaryCrossEntropy:
                for (int i = 0; i < targets.Length; i++)
                {
                    double u = random.NextDouble();
                    targets[i] = i % 3 == 0 ? (u < 0.5 ? 0f : 1f) : (float)u;
                }

                break;
            default:
                for (int i = 0; i < targets.Length; i++)
                {
                    targets[i] = (float)((random.NextDouble() * 3.0) - 1.5);
                }

                break;
        }

        return targets;
    }

    /// <summary>The network's parameters in canonical order.</summary>
    public static float[] Parameters(INetwork network)
    {
        var parameters = new float[network.ParameterCount];
        network.ExportParameters(parameters);
        return parameters;
    }

    /// <summary>The network's exported gradient in canonical order.</summary>
    public static float[] Gradients(INetwork network)
    {
        var gradients = new float[network.ParameterCount];
        network.ExportGradients(gradients);
        return gradients;
    }

    public static double[] ToDouble(float[] values) => Array.ConvertAll(values, value => (double)value);
}
