using System;

namespace NetGen.Benchmarks.Data;

/// <summary>
/// One epoch over a data set in a new shuffled order each time: the rows of each batch are copied
/// into a contiguous buffer, as a training loop over a shuffled data set does.
/// </summary>
public sealed class ShuffledEpoch
{
    private readonly float[] _inputs;
    private readonly float[] _targets;
    private readonly int[] _order;
    private readonly int _inputSize;
    private readonly int _outputSize;
    private DeterministicRandom _random = new(7);

    public ShuffledEpoch(float[] inputs, float[] targets, int rows, int inputSize, int outputSize, int batchSize)
    {
        _inputs = inputs;
        _targets = targets;
        _inputSize = inputSize;
        _outputSize = outputSize;
        _order = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            _order[i] = i;
        }

        BatchInputs = new float[batchSize * inputSize];
        BatchTargets = new float[batchSize * outputSize];
        BatchSize = batchSize;
    }

    public float[] BatchInputs { get; }

    public float[] BatchTargets { get; }

    public int BatchSize { get; }

    public int Rows => _order.Length;

    /// <summary>Shuffles the order for the next epoch.</summary>
    public void Shuffle() => _random.Shuffle(_order.AsSpan());

    /// <summary>Copies batch <paramref name="batch"/> of the current order; returns its number of rows.</summary>
    public int Fill(int batch)
    {
        int first = batch * BatchSize;
        int rows = Math.Min(BatchSize, _order.Length - first);
        for (int r = 0; r < rows; r++)
        {
            int row = _order[first + r];
            _inputs.AsSpan(row * _inputSize, _inputSize).CopyTo(BatchInputs.AsSpan(r * _inputSize));
            _targets.AsSpan(row * _outputSize, _outputSize).CopyTo(BatchTargets.AsSpan(r * _outputSize));
        }

        return rows;
    }
}
