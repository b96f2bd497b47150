using System;
using System.Linq;

namespace NetGen.Quantization;

/// <summary>
/// Which weights of a network are pruned (held at zero). Made by <see cref="MagnitudePruning.Prune"/>;
/// <see cref="Apply"/> zeroes them again after each fine-tuning step. Biases are never pruned.
/// </summary>
public sealed class PruningMask
{
    private readonly bool[] _pruned;
    private readonly float[] _scratch;

    internal PruningMask(NetworkArchitecture architecture, bool[] pruned)
    {
        Architecture = architecture;
        _pruned = pruned;
        _scratch = new float[pruned.Length];
        PrunedCount = pruned.Count(p => p);
        WeightCount = architecture.Layers.Sum(layer => layer.WeightCount);
    }

    /// <summary>The architecture the mask belongs to.</summary>
    public NetworkArchitecture Architecture { get; }

    /// <summary>The number of pruned weights.</summary>
    public int PrunedCount { get; }

    /// <summary>The number of weights (biases excluded) in the network.</summary>
    public int WeightCount { get; }

    /// <summary>The fraction of weights pruned.</summary>
    public float Sparsity => WeightCount == 0 ? 0f : (float)PrunedCount / WeightCount;

    /// <summary>Whether the parameter at <paramref name="index"/> (canonical order) is pruned.</summary>
    public bool IsPruned(int index) => _pruned[index];

    /// <summary>Sets every pruned parameter of <paramref name="network"/> to zero. Allocates nothing.</summary>
    /// <param name="network">A network of <see cref="Architecture"/>.</param>
    /// <exception cref="ArgumentException">The network has another architecture.</exception>
    public void Apply(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.Architecture.Fingerprint != Architecture.Fingerprint)
        {
            throw new ArgumentException($"The mask is for {Architecture}; the network is {network.Architecture}.", nameof(network));
        }

        network.ExportParameters(_scratch);
        for (int i = 0; i < _scratch.Length; i++)
        {
            if (_pruned[i])
            {
                _scratch[i] = 0f;
            }
        }

        network.ImportParameters(_scratch);
    }
}
