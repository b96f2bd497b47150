using System;
using System.Linq;

namespace NetGen.Quantization;

/// <summary>
/// Magnitude pruning: in each Dense layer, the weights of smallest magnitude are set to zero
/// until the layer reaches the target sparsity; fine-tuning then trains the remaining weights
/// while the pruned ones stay at zero.
/// </summary>
public static class MagnitudePruning
{
    /// <summary>Zeroes the <paramref name="sparsity"/> fraction of smallest-magnitude weights in each Dense layer (ties broken by position).</summary>
    /// <param name="network">The network to prune, changed in place.</param>
    /// <param name="sparsity">The fraction of each layer's weights to prune, in [0, 1).</param>
    /// <returns>The mask of pruned weights, for <see cref="FineTune"/> and <see cref="PruningMask.Apply"/>.</returns>
    public static PruningMask Prune(INetwork network, float sparsity)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (!(sparsity >= 0f && sparsity < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(sparsity), sparsity, "The sparsity must be in [0, 1).");
        }

        var parameters = new float[network.ParameterCount];
        network.ExportParameters(parameters);
        var pruned = new bool[parameters.Length];
        foreach (ParameterInfo weights in network.Architecture.Layers.SelectMany(layer => layer.Parameters).Where(tensor => tensor.Penalized))
        {
            int count = (int)MathF.Round(sparsity * weights.Count);
            int[] order = Enumerable.Range(weights.Offset, weights.Count)
                .OrderBy(index => MathF.Abs(parameters[index]))
                .ThenBy(index => index)
                .Take(count)
                .ToArray();
            foreach (int index in order)
            {
                pruned[index] = true;
            }
        }

        var mask = new PruningMask(network.Architecture, pruned);
        mask.Apply(network);
        return mask;
    }

    /// <summary>
    /// Trains <paramref name="network"/> for <paramref name="epochs"/> passes over the rows in
    /// shuffled mini-batches of <see cref="INetwork.BatchSize"/> rows, applying
    /// <paramref name="mask"/> after every step so that pruned weights stay zero.
    /// </summary>
    /// <param name="network">The pruned network.</param>
    /// <param name="mask">Its mask.</param>
    /// <param name="inputs">Training rows.</param>
    /// <param name="targets">Their targets.</param>
    /// <param name="epochs">The number of passes.</param>
    /// <param name="seed">The seed of the shuffling.</param>
    /// <returns>The mean training loss of the last epoch.</returns>
    public static float FineTune(INetwork network, PruningMask mask, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int epochs, int seed)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentOutOfRangeException.ThrowIfNegative(epochs);
        int rows = inputs.Length / network.InputSize;
        if (rows == 0 || rows * network.InputSize != inputs.Length || targets.Length != (long)rows * network.TargetSize)
        {
            throw new ArgumentException(
                $"Expected whole rows: inputs of {network.InputSize} and targets of {network.TargetSize} floats per row; got {inputs.Length} and {targets.Length} floats.");
        }

        int batch = network.BatchSize;
        var order = Enumerable.Range(0, rows).ToArray();
        var batchInputs = new float[batch * network.InputSize];
        var batchTargets = new float[batch * network.TargetSize];
        var random = new DeterministicRandom(seed);
        float lastLoss = 0f;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            random.Shuffle(order.AsSpan());
            double total = 0;
            for (int start = 0; start < rows; start += batch)
            {
                int count = Math.Min(batch, rows - start);
                for (int r = 0; r < count; r++)
                {
                    int row = order[start + r];
                    inputs.Slice(row * network.InputSize, network.InputSize).CopyTo(batchInputs.AsSpan(r * network.InputSize));
                    targets.Slice(row * network.TargetSize, network.TargetSize).CopyTo(batchTargets.AsSpan(r * network.TargetSize));
                }

                total += network.TrainStep(batchInputs.AsSpan(0, count * network.InputSize), batchTargets.AsSpan(0, count * network.TargetSize)) * count;
                mask.Apply(network);
            }

            lastLoss = (float)(total / rows);
        }

        return lastLoss;
    }
}
