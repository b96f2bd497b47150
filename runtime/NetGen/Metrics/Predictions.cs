using System;
using NetGen.Data;

namespace NetGen.Metrics;

/// <summary>Runs a network over a data set and turns its outputs into classes or scores.</summary>
public static class Predictions
{
    /// <summary>The outputs of <paramref name="network"/> for every row of <paramref name="data"/> (inference mode), row-major:
    /// logits when the network outputs them (see <see cref="NetworkArchitecture.OutputsLogits"/> and <see cref="PredictProbabilities"/>).</summary>
    /// <exception cref="ArgumentException">The data set's feature count differs from the network's input size.</exception>
    public static float[] Predict(INetwork network, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        var outputs = new float[ArraySize.Product(data.Count, network.OutputSize, "The outputs of {0} rows of {1} values", nameof(data))];
        PredictInto(network, data, outputs);
        return outputs;
    }

    /// <summary>The outputs of <paramref name="network"/> for every row of <paramref name="data"/> as probabilities: the outputs
    /// themselves after a sigmoid or softmax output layer, and the sigmoid or softmax of the logits when the network outputs
    /// logits (a cross-entropy on an output layer without activation). Other networks' outputs are returned unchanged.</summary>
    /// <exception cref="ArgumentException">The data set's feature count differs from the network's input size.</exception>
    public static float[] PredictProbabilities(INetwork network, Dataset data)
    {
        float[] outputs = Predict(network, data);
        ToProbabilities(outputs, network.Architecture);
        return outputs;
    }

    /// <summary>
    /// Turns the outputs of a network that outputs logits (<see cref="NetworkArchitecture.OutputsLogits"/>) into probabilities
    /// in place, allocating nothing: the sigmoid of each for <see cref="Loss.BinaryCrossEntropy"/>, the softmax over each
    /// position's classes for the categorical cross-entropies. Outputs of other networks are left as they are.
    /// </summary>
    /// <param name="outputs">Whole rows of the network's outputs.</param>
    /// <param name="architecture">The architecture of the network that computed them.</param>
    /// <exception cref="ArgumentException">The outputs are not whole rows.</exception>
    public static void ToProbabilities(Span<float> outputs, NetworkArchitecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        if (outputs.Length % architecture.OutputSize != 0)
        {
            throw new ArgumentException($"{outputs.Length} outputs are not whole rows of {architecture.OutputSize}.", nameof(outputs));
        }

        if (!architecture.OutputsLogits)
        {
            return;
        }

        if (architecture.Loss == Loss.BinaryCrossEntropy)
        {
            foreach (ref float value in outputs)
            {
                value = 1f / (1f + MathF.Exp(-value));
            }

            return;
        }

        int classes = architecture.OutputShape.Channels;
        for (int start = 0; start < outputs.Length; start += classes)
        {
            Softmax(outputs.Slice(start, classes));
        }
    }

    /// <summary>Writes the outputs for every row of <paramref name="data"/> into <paramref name="outputs"/> (<c>Count * OutputSize</c> floats), allocating nothing.</summary>
    public static void PredictInto(INetwork network, Dataset data, Span<float> outputs)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureCount != network.InputSize)
        {
            throw new ArgumentException($"The data set has {data.FeatureCount} features; the network takes {network.InputSize} inputs.", nameof(data));
        }

        if (outputs.Length != (long)data.Count * network.OutputSize)
        {
            throw new ArgumentException($"The outputs need {(long)data.Count * network.OutputSize} floats; {outputs.Length} were given.", nameof(outputs));
        }

        int inputSize = network.InputSize;
        int outputSize = network.OutputSize;
        for (int start = 0; start < data.Count; start += network.BatchSize)
        {
            int rows = Math.Min(network.BatchSize, data.Count - start);
            network.PredictBatch(data.Features.Slice(start * inputSize, rows * inputSize), outputs.Slice(start * outputSize, rows * outputSize));
        }
    }

    /// <summary>
    /// The class of each row of outputs: the position of the largest output, or for a single
    /// output (a sigmoid) 1 when it is at least 0.5 and 0 otherwise.
    /// </summary>
    public static int[] Classes(ReadOnlySpan<float> outputs, int outputSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        var classes = new int[outputs.Length / outputSize];
        for (int r = 0; r < classes.Length; r++)
        {
            ReadOnlySpan<float> row = outputs.Slice(r * outputSize, outputSize);
            if (outputSize == 1)
            {
                classes[r] = row[0] >= 0.5f ? 1 : 0;
                continue;
            }

            int best = 0;
            for (int i = 1; i < row.Length; i++)
            {
                if (row[i] > row[best])
                {
                    best = i;
                }
            }

            classes[r] = best;
        }

        return classes;
    }

    /// <summary>The score of the positive class of each row: the output itself for one output, else output <paramref name="positiveClass"/>.</summary>
    public static float[] Scores(ReadOnlySpan<float> outputs, int outputSize, int positiveClass = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        var scores = new float[outputs.Length / outputSize];
        int column = outputSize == 1 ? 0 : positiveClass;
        if (column >= outputSize)
        {
            throw new ArgumentOutOfRangeException(nameof(positiveClass), positiveClass, $"There are {outputSize} outputs.");
        }

        for (int r = 0; r < scores.Length; r++)
        {
            scores[r] = outputs[(r * outputSize) + column];
        }

        return scores;
    }

    // The softmax of one position's logits, shifted by their maximum so that no exponential overflows.
    private static void Softmax(Span<float> logits)
    {
        float max = float.NegativeInfinity;
        foreach (float value in logits)
        {
            max = Math.Max(max, value);
        }

        float sum = 0f;
        foreach (ref float value in logits)
        {
            value = MathF.Exp(value - max);
            sum += value;
        }

        foreach (ref float value in logits)
        {
            value /= sum;
        }
    }
}
